package org.supportrag.retrieval.index;

import java.util.UUID;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import jakarta.validation.Valid;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import org.supportrag.contracts.retrieval.v1.IndexDocumentRequest;
import org.supportrag.contracts.retrieval.v1.IndexDocumentResponse;
import org.supportrag.contracts.retrieval.v1.RetrievalApi;
import org.supportrag.defaults.embedding.TextEmbedder;
import org.supportrag.defaults.problem.ApiProblemException;
import org.supportrag.defaults.security.CallerIdentity;

/** The index API; roles are enforced by {@code AccessPolicy} (service or admin). */
@RestController
class IndexController {

    private static final Logger log = LoggerFactory.getLogger(IndexController.class);

    private final ChunkWriter writer;
    private final IndexRequestValidator validator;
    private final ObservationRegistry observations;

    IndexController(ChunkWriter writer, TextEmbedder embedder, ObservationRegistry observations) {
        this.writer = writer;
        this.validator = new IndexRequestValidator(embedder.dimensions());
        this.observations = observations;
    }

    @PutMapping(RetrievalApi.INDEX_DOCUMENT)
    IndexDocumentResponse replace(@PathVariable UUID documentId, @Valid @RequestBody IndexDocumentRequest request,
            CallerIdentity caller) {
        validator.validate(request);
        Observation observation = Observation.createNotStarted("rag.retrieval.index", observations)
            .contextualName("index replace")
            .lowCardinalityKeyValue("operation", "replace")
            .highCardinalityKeyValue("rag.retrieval.chunks", String.valueOf(request.chunks().size()));
        int chunks = observation.observe(() -> writer.replace(caller.tenantId(), documentId, request));
        log.info("Indexed document {}: {} chunks", documentId, chunks);
        return new IndexDocumentResponse(documentId, chunks);
    }

    @DeleteMapping(RetrievalApi.INDEX_DOCUMENT)
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void delete(@PathVariable UUID documentId, CallerIdentity caller) {
        boolean deleted = Observation.createNotStarted("rag.retrieval.index", observations)
            .contextualName("index delete")
            .lowCardinalityKeyValue("operation", "delete")
            .observe(() -> writer.delete(caller.tenantId(), documentId));
        if (!deleted) {
            throw ApiProblemException.notFound("document-not-found", "Document not found",
                    "The index holds no document " + documentId + ".");
        }
        log.info("Deleted document {} from the index", documentId);
    }
}
