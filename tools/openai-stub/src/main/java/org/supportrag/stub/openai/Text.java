package org.supportrag.stub.openai;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Token counting, stream splitting and pseudo-embeddings; deliberately naive but deterministic. */
final class Text {

	/** A token is a run of letters/digits or a single other non-space character. */
	private static final Pattern TOKEN = Pattern.compile("[\\p{L}\\p{N}]+|[^\\s\\p{L}\\p{N}]");

	private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}]+");

	/** Leading whitespace travels with the word after it, like the real tokenizers' " word" tokens. */
	private static final Pattern PIECE = Pattern.compile("\\s*\\S+");

	private Text() {
	}

	static int countTokens(String text) {
		Matcher matcher = TOKEN.matcher(text);
		int count = 0;
		while (matcher.find()) {
			count++;
		}
		return count;
	}

	/** Splits into streamable pieces whose concatenation is exactly {@code text}. */
	static List<String> pieces(String text) {
		List<String> pieces = new ArrayList<>();
		Matcher matcher = PIECE.matcher(text);
		int end = 0;
		while (matcher.find()) {
			pieces.add(matcher.group());
			end = matcher.end();
		}
		if (end < text.length()) {
			pieces.add(text.substring(end));
		}
		return pieces;
	}

	/**
	 * Hashed bag-of-words embedding: every word adds a fixed pseudo-random vector, so texts sharing words are
	 * closer in cosine similarity. L2-normalized.
	 */
	static float[] embed(String text, int dimensions) {
		double[] sum = new double[dimensions];
		Matcher matcher = WORD.matcher(text.toLowerCase(Locale.ROOT));
		boolean anyWord = false;
		while (matcher.find()) {
			addRandom(sum, fnv1a(matcher.group()));
			anyWord = true;
		}
		if (!anyWord) {
			addRandom(sum, fnv1a(text));
		}
		double norm = 0;
		for (double value : sum) {
			norm += value * value;
		}
		norm = Math.sqrt(norm);
		float[] vector = new float[dimensions];
		for (int i = 0; i < dimensions; i++) {
			vector[i] = (float) (sum[i] / norm);
		}
		return vector;
	}

	/** OpenAI's {@code encoding_format: base64}: little-endian float32s. */
	static String base64(float[] vector) {
		ByteBuffer buffer = ByteBuffer.allocate(vector.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
		for (float value : vector) {
			buffer.putFloat(value);
		}
		return Base64.getEncoder().encodeToString(buffer.array());
	}

	private static void addRandom(double[] sum, long seed) {
		SplittableRandom random = new SplittableRandom(seed);
		for (int i = 0; i < sum.length; i++) {
			sum[i] += random.nextDouble(-1, 1);
		}
	}

	// 64-bit and stable across JVMs; a 32-bit seed would collide too often across a vocabulary.
	private static long fnv1a(String text) {
		long hash = 0xcbf29ce484222325L;
		for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
			hash ^= (b & 0xff);
			hash *= 0x100000001b3L;
		}
		return hash;
	}
}
