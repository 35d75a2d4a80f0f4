package io.github.memflame.read;
// TEMPORARY local stub, never committed; replaced by the pickle branch.
public final class TracemallocPickleReader implements SnapshotReader {
    public TracemallocPickleReader(java.nio.charset.Charset c) {}
    public DumpFormat format() { return DumpFormat.TRACEMALLOC_PICKLE; }
    public void read(java.io.InputStream in, String source, Interner interner, TraceSink sink) throws DumpFormatException {
        throw new DumpFormatException(source, "byte 0", "x", "stub"); }
}
