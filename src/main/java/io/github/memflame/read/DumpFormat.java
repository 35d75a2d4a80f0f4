package io.github.memflame.read;

/** The dump formats memflame reads; the names are those of the JSON summary. */
public enum DumpFormat {
    TRACEMALLOC_PICKLE("tracemalloc-pickle"),
    JSON_TRACES("json-traces"),
    FOLDED("folded");

    private final String summaryName;

    DumpFormat(String summaryName) {
        this.summaryName = summaryName;
    }

    public String summaryName() {
        return summaryName;
    }
}
