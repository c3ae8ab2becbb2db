package org.supportrag.retrieval.search;

import jakarta.validation.Valid;
import lombok.RequiredArgsConstructor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import org.supportrag.contracts.retrieval.v1.RetrievalApi;
import org.supportrag.contracts.retrieval.v1.SearchRequest;
import org.supportrag.contracts.retrieval.v1.SearchResponse;
import org.supportrag.defaults.security.CallerIdentity;

/** The search API; roles are enforced by {@code AccessPolicy}, tenant and ACL groups come from the caller's token. */
@RestController
@RequiredArgsConstructor
class SearchController {

    private static final Logger log = LoggerFactory.getLogger(SearchController.class);

    private final SearchPipeline pipeline;

    @PostMapping(RetrievalApi.SEARCH)
    SearchResponse search(@Valid @RequestBody SearchRequest request, CallerIdentity caller) {
        SearchResponse response = pipeline.search(request, caller);
        log.debug("search returned {} hits", response.results().size());
        return response;
    }
}
