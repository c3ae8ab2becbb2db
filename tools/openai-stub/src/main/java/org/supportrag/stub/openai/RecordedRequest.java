package org.supportrag.stub.openai;

import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * One request the stub received, in arrival order.
 *
 * @param method the HTTP method
 * @param path the request path without query, e.g. {@code /v1/chat/completions}
 * @param headers request headers with lower-case names
 * @param body the raw request body
 * @param chat the parsed chat request for valid chat calls, otherwise {@code null}
 */
public record RecordedRequest(String method, String path, Map<String, List<String>> headers, String body,
		@Nullable ChatRequest chat) {

	public RecordedRequest {
		headers = Map.copyOf(headers);
	}

	/** The first value of a header (name matched case-insensitively), or {@code null}. */
	public @Nullable String header(String name) {
		List<String> values = this.headers.get(name.toLowerCase(Locale.ROOT));
		return (values == null || values.isEmpty()) ? null : values.getFirst();
	}

	/** The {@code Authorization} header, e.g. {@code Bearer sk-test}, or {@code null}. */
	public @Nullable String authorization() {
		return header("authorization");
	}
}
