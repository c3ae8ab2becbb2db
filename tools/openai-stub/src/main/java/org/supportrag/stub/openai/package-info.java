/**
 * An OpenAI-compatible (and minimal Ollama-compatible) HTTP server with scripted answers, latency and faults, so
 * tests and benchmarks always exercise the model provider path over the wire.
 */
@NullMarked
package org.supportrag.stub.openai;

import org.jspecify.annotations.NullMarked;
