/** Reading datasets in the BEIR layout: {@code corpus.jsonl}, {@code queries.jsonl}, {@code qrels/<split>.tsv}. */
@NullMarked
package org.supportrag.eval.beir;

import org.jspecify.annotations.NullMarked;
