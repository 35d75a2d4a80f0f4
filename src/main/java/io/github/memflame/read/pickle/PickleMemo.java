package io.github.memflame.read.pickle;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * The memo: pages of a fixed size indexed by memo id (MEMOIZE and Python 2's BINPUT count up from 0 or 1), and
 * a map for the rare index far beyond them. Pages, not one array, so that tens of millions of entries never
 * need a copy of themselves to grow. An entry is a long: a kind in its top three bits and, for a frame, a
 * traceback or a raw trace, its number; only other values (strings, the dump's objects) are kept as objects, in
 * pages made for the first of them. A worst-case dump's tens of millions of frames, tracebacks and traces thus
 * cost eight bytes each and nothing for the garbage collector to trace.
 */
final class PickleMemo {
    /** Memo entries allowed; the worst real dump (a million traces, each its own 21 frames) needs about 23 million. */
    static final int MAX_ENTRIES = 1 << 27;
    /** Largest memo index accepted. */
    static final long MAX_INDEX = Integer.MAX_VALUE - 8;

    /** An entry's kind, in its top three bits; 0 is no entry. */
    static final long KIND_MASK = 7L << 61;
    static final long OBJECT = 1L << 61;
    static final long FRAME = 2L << 61;
    static final long TRACEBACK = 3L << 61;
    static final long RAW_TRACE = 4L << 61;
    /**
     * 2^15 entries, 256 KiB a page: a page of 2^16 would be just over half of a 1 MiB heap region (the region size
     * of a 1 GiB heap), a humongous object alone in its region, and a worst-case memo would take twice its size.
     */
    private static final int PAGE_BITS = 15;
    private static final int PAGE_SIZE = 1 << PAGE_BITS;
    private long[][] pages = new long[16][];
    private Object[][] objectPages = new Object[16][];
    private Map<Long, SparseEntry> sparse;
    private int size;
    /**
     * The indexes of the traceback entries with their stack ids, in an open-addressing table of ints small enough
     * to stay in the cache: every trace refers to its traceback, and a lookup in the pages, where the tracebacks
     * lie among a million other entries, is a cache miss. Pairs of an index plus one (0: a free slot) and a
     * stack id.
     */
    private int[] tracebacks = new int[2 * 1024];
    private int tracebackCount;
    /** Whether an entry was ever replaced; the traceback table is then not kept exact, and not used. */
    private boolean replaced;

    /** An entry far beyond the pages. */
    private record SparseEntry(long entry, Object object) {
    }

    int size() {
        return size;
    }

    /**
     * @param entry  a kind and, unless it is {@link #OBJECT}, a number
     * @param object the value of an {@link #OBJECT} entry, else {@code null}
     */
    void put(long index, long entry, Object object) {
        long[] page = page(index);
        // A new page only for an index near those stored, so that a few far-apart indexes cannot claim memory.
        if (page == null && index >= 0 && index <= 2L * size + PAGE_SIZE) {
            int number = (int) (index >>> PAGE_BITS);
            if (number >= pages.length) {
                int length = Math.max(number + 1, 2 * pages.length);
                pages = Arrays.copyOf(pages, length);
                objectPages = Arrays.copyOf(objectPages, length);
            }
            page = pages[number] = new long[PAGE_SIZE];
        }
        if ((entry & KIND_MASK) == TRACEBACK) {
            addTraceback((int) index, (int) (entry & ~KIND_MASK));  // an index is at most MAX_INDEX
        }
        if (page != null) {
            int slot = (int) (index & (PAGE_SIZE - 1));
            if (page[slot] == 0) {
                size++;
                if (sparse != null && sparse.remove(index) != null) {
                    size--;
                    replaced = true;
                }
            } else {
                replaced = true;
            }
            page[slot] = entry;
            int number = (int) (index >>> PAGE_BITS);
            if (object != null && objectPages[number] == null) {
                objectPages[number] = new Object[PAGE_SIZE];
            }
            if (objectPages[number] != null) {
                objectPages[number][slot] = object;
            }
        } else {
            if (sparse == null) {
                sparse = new HashMap<>();
            }
            if (sparse.put(index, new SparseEntry(entry, object)) == null) {
                size++;
            } else {
                replaced = true;
            }
        }
    }

    /**
     * The stack id of the traceback entry at {@code index}; -1 when the entry is something else or none, or when
     * this cannot tell (the caller then asks {@link #entry}).
     */
    int tracebackAt(long index) {
        if (replaced || index >= Integer.MAX_VALUE) {
            return -1;
        }
        int key = (int) index + 1;
        int mask = tracebacks.length / 2 - 1;
        for (int slot = spread(key) & mask; tracebacks[2 * slot] != 0; slot = (slot + 1) & mask) {
            if (tracebacks[2 * slot] == key) {
                return tracebacks[2 * slot + 1];
            }
        }
        return -1;
    }

    private void addTraceback(int index, int stackId) {
        if (++tracebackCount > 3 * tracebacks.length / 8) {  // at most three quarters of the slots
            int[] old = tracebacks;
            tracebacks = new int[2 * old.length];
            for (int i = 0; i < old.length; i += 2) {
                if (old[i] != 0) {
                    insertTraceback(old[i], old[i + 1]);
                }
            }
        }
        insertTraceback(index + 1, stackId);
    }

    private void insertTraceback(int key, int stackId) {
        int mask = tracebacks.length / 2 - 1;
        int slot = spread(key) & mask;
        while (tracebacks[2 * slot] != 0 && tracebacks[2 * slot] != key) {
            slot = (slot + 1) & mask;
        }
        tracebacks[2 * slot] = key;
        tracebacks[2 * slot + 1] = stackId;
    }

    /** Memo indexes come in order: the high bits of the product spread them over the slots. */
    private static int spread(int key) {
        int h = key * 0x9E3779B9;
        return h ^ (h >>> 16);
    }

    /** The entry at {@code index}; 0 when none was stored. */
    long entry(long index) {
        long[] page = page(index);
        long entry = page == null ? 0 : page[(int) (index & (PAGE_SIZE - 1))];
        if (entry != 0 || sparse == null) {
            return entry;
        }
        SparseEntry far = sparse.get(index);
        return far == null ? 0 : far.entry();
    }

    /**
     * Keeps a number in the {@link #OBJECT} entry at {@code index}, which {@link #entry} then returns beside the kind;
     * replacing the entry drops it. Not kept for an entry far beyond the pages.
     *
     * @param tag from 1 to 2^61 - 1
     */
    void tag(long index, long tag) {
        long[] page = page(index);
        int slot = (int) (index & (PAGE_SIZE - 1));
        if (page != null && (page[slot] & KIND_MASK) == OBJECT) {
            page[slot] = OBJECT | tag;
        }
    }

    /** The value of the {@link #OBJECT} entry at {@code index}. */
    Object object(long index) {
        long[] page = page(index);
        if (page != null && page[(int) (index & (PAGE_SIZE - 1))] != 0) {
            return objectPages[(int) (index >>> PAGE_BITS)][(int) (index & (PAGE_SIZE - 1))];
        }
        return sparse.get(index).object();
    }

    private long[] page(long index) {
        long number = index >>> PAGE_BITS;  // unsigned: a negative index is beyond every page
        return number < pages.length ? pages[(int) number] : null;
    }
}
