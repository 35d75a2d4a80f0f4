/**
 * The tracemalloc pickle reader: a restricted, streaming unpickler that recognizes what CPython's
 * {@code Snapshot.dump()} writes and never looks up, loads or calls anything a dump names.
 * {@link io.github.memflame.read.pickle.TracemallocPickleReader} is its only public class.
 *
 * <h2>How a dump flows through it</h2>
 * <ol>
 *   <li>{@code PickleInput} holds the bytes: one 64 KiB buffer, counted so that every error names its byte offset,
 *       and a length read from the data never allocated up front.</li>
 *   <li>{@code Unpickler} is the opcode loop: it reads each opcode ({@code PickleOpcodes} names them; the text
 *       arguments of protocol 0 are decoded by {@code PickleText}), checks it and applies it to the
 *       {@code PickleStack} and the {@code PickleMemo}. An int, a frame, a traceback and a raw trace are held there as
 *       a marker and a number ({@code PickleValues}), never as an object of their own: a worst-case dump memoizes
 *       tens of millions of them.</li>
 *   <li>Tuples and lists go to {@code TraceShapes}, which tells them apart by shape as they are built: a
 *       {@code (filename, lineno)} becomes a frame key (its file's number and its line) and a tuple of frames
 *       a stack id of their frame ids, both numbered by the {@link io.github.memflame.read.FrameIdSink}; a raw
 *       trace becomes a size and a stack id, and goes to the sink as soon as it is added to the one list (or
 *       tuple) of traces.</li>
 *   <li>The two objects around the traces, {@code tracemalloc.Snapshot} and {@code tracemalloc._Traces}, are
 *       rebuilt by {@code SnapshotObjects} from their classes (markers only), NEWOBJ or {@code _reconstructor},
 *       state dicts and BUILD; at STOP it checks that the traces read are those of the returned snapshot.</li>
 *   <li>Every refusal is worded by {@code PickleErrors}: the file, the byte, what was expected and what was
 *       found.</li>
 * </ol>
 *
 * <h2>Why the fast paths exist</h2>
 * A CPython dump is almost only raw traces {@code (domain, size, traceback, total_nframe)} and frames
 * {@code (filename, lineno)}. {@code PickleFastPaths} takes each of them in one step, looking at its opcodes in the
 * input's buffer, when they are exactly the opcodes CPython writes; anything else, including what the loop would
 * refuse, is left to the loop, which then gives the same result or the same refusal. With the small loop and the
 * memo's table of tracebacks that came with them, they took the warm read of a realistic million-trace dump from
 * 0.52 to 0.24 s. They also keep the JIT's compiled loop: they take the protocol 4 FRAME that can fall between any
 * two opcodes of a trace, which the loop may not have met while it was profiled; the first one it met made the JVM
 * drop the compiled loop and compile it again (docs/performance.md, fifth pass). The tests compare
 * every pickle they have, whole and cut short, with and without the fast paths ({@code PickleFastPathTest}, and
 * the fuzzer does the same).
 *
 * <h2>Shapes kept for the JIT</h2>
 * The classes are package-private and final, and call each other directly, so that the compiler inlines them into
 * the loop; the loop itself holds only the opcodes of traces and tracebacks, one call site per handler, and the
 * rest is in {@code Unpickler.otherOpcode}. Nothing is allocated per trace or per frame.
 */
package io.github.memflame.read.pickle;
