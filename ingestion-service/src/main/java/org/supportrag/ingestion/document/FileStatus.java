package org.supportrag.ingestion.document;

import com.fasterxml.jackson.annotation.JsonValue;

/** What an upload did with one file. */
enum FileStatus {

    CREATED("created"), UPDATED("updated"), UNCHANGED("unchanged"), FAILED("failed");

    private final String value;

    FileStatus(String value) {
        this.value = value;
    }

    @JsonValue
    public String value() {
        return value;
    }
}
