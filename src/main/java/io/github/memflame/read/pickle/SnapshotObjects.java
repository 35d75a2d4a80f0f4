package io.github.memflame.read.pickle;

import static io.github.memflame.read.pickle.PickleErrors.describeState;
import static io.github.memflame.read.pickle.PickleErrors.printable;
import static io.github.memflame.read.pickle.PickleErrors.quote;
import static io.github.memflame.read.pickle.PickleErrors.typeName;
import static io.github.memflame.read.pickle.PickleValues.*;

import io.github.memflame.read.DumpFormatException;

/**
 * The two objects a dump holds besides its traces, {@code tracemalloc.Snapshot} and {@code tracemalloc._Traces}:
 * their classes (only these two globals, and for protocols 0 and 1 {@code copy_reg._reconstructor} and
 * {@code object}, are accepted, as markers: nothing is looked up), their creation by NEWOBJ or by REDUCE of
 * {@code _reconstructor}, their state dicts and BUILD, and the checks at STOP that the traces read are those of the
 * returned snapshot.
 */
final class SnapshotObjects {
    private final PickleStack stack;
    private final PickleErrors errors;

    SnapshotObjects(PickleStack stack, PickleErrors errors) {
        this.stack = stack;
        this.errors = errors;
    }

    /** DICT: a dict of the key and value pairs above the MARK (protocol 0 writes {@code (d} and SETITEM). */
    void dict(int from) throws DumpFormatException {
        StateDict dict = new StateDict();
        fillDict(dict, from);
        stack.push(dict);
    }

    /** SETITEM or SETITEMS: the pairs from {@code from} go to the dict just below them. */
    void setItems(int from) throws DumpFormatException {
        if (from - 1 < stack.floor()) {
            throw errors.atOpcode("a dict below the items of " + errors.opcodeName(), "nothing");
        }
        if (!(stack.objects[from - 1] instanceof StateDict dict)) {
            throw errors.atOpcode("the state dict of a tracemalloc object", typeName(stack.objects[from - 1]));
        }
        fillDict(dict, from);
    }

    private void fillDict(StateDict dict, int from) throws DumpFormatException {
        int size = stack.size;
        if ((size - from) % 2 != 0) {
            throw errors.atOpcode("key and value pairs for " + errors.opcodeName(), (size - from) + " items");
        }
        Object[] objects = stack.objects;
        for (int i = from; i < size; i += 2) {
            Object value = objects[i + 1] == INT_VALUE ? Long.valueOf(stack.numbers[i + 1]) : objects[i + 1];
            Object key = objects[i];
            if ("traces".equals(key)) {
                dict.traces = value;
            } else if ("traceback_limit".equals(key)) {
                dict.tracebackLimit = value;
            } else if ("_traces".equals(key)) {
                dict.rawTraces = value;
            } else {
                throw errors.atOpcode("the key 'traces', 'traceback_limit' or '_traces'",
                        key instanceof String text ? quote(text) : typeName(key));
            }
        }
        stack.truncate(from);
    }

    void build() throws DumpFormatException {
        int stateIndex = stack.top(2) + 1;
        Object[] objects = stack.objects;
        if (!(objects[stateIndex - 1] instanceof Instance instance)) {
            throw errors.atOpcode("a tracemalloc.Snapshot or tracemalloc._Traces to BUILD",
                    typeName(objects[stateIndex - 1]));
        }
        if (instance.built) {
            throw errors.atOpcode("one BUILD per object", "a second BUILD of " + instance.className());
        }
        Object state = objects[stateIndex];
        if (instance.snapshot) {
            if (!(state instanceof StateDict dict) || dict.rawTraces != null
                    || !(dict.traces instanceof Instance traces) || traces.snapshot
                    || !(dict.tracebackLimit instanceof Long)) {
                throw errors.atOpcode("the state {'traces': a tracemalloc._Traces, 'traceback_limit': an int}"
                        + " of tracemalloc.Snapshot", describeState(state));
            }
            instance.value = traces;
        } else {
            if (!(state instanceof StateDict dict) || dict.traces != null || dict.tracebackLimit != null
                    || !(dict.rawTraces instanceof TraceList || dict.rawTraces instanceof TraceTuple
                    || dict.rawTraces == EMPTY_TUPLE_VALUE)) {
                throw errors.atOpcode("the state {'_traces': a list or tuple of raw traces} of "
                        + "tracemalloc._Traces", describeState(state));
            }
            instance.value = dict.rawTraces;
        }
        instance.built = true;
        stack.truncate(stateIndex);
    }

    void newObject() throws DumpFormatException {
        int classIndex = stack.top(2);
        Object type = stack.objects[classIndex];
        if (type != SNAPSHOT_CLASS && type != TRACES_CLASS) {
            throw errors.atOpcode("tracemalloc.Snapshot or tracemalloc._Traces for NEWOBJ", typeName(type));
        }
        if (stack.objects[classIndex + 1] != EMPTY_TUPLE_VALUE) {
            throw errors.atOpcode("the arguments () for NEWOBJ", typeName(stack.objects[classIndex + 1]));
        }
        stack.truncate(classIndex);
        stack.push(new Instance(type == SNAPSHOT_CLASS));
    }

    /** The arguments {@code (cls, object, None)} protocols 0 and 1 pass to {@code copy_reg._reconstructor}. */
    ReconstructorArguments reconstructorArguments(int from, int count) throws DumpFormatException {
        Object[] objects = stack.objects;
        if (count != 3 || objects[from + 1] != OBJECT_CLASS || objects[from + 2] != NONE_VALUE) {
            throw errors.atOpcode("the arguments (" + typeName(objects[from]).substring(6)
                    + ", object, None) of copy_reg._reconstructor", PickleErrors.tupleOf(stack, from));
        }
        return new ReconstructorArguments((Marker) objects[from]);
    }

    /** REDUCE: only {@code copy_reg._reconstructor(tracemalloc class, object, None)}, which protocols 0–1 write. */
    void reduce() throws DumpFormatException {
        int callableIndex = stack.top(2);
        Object callable = stack.objects[callableIndex];
        Object argument = stack.objects[callableIndex + 1];
        if (callable != RECONSTRUCTOR || !(argument instanceof ReconstructorArguments arguments)) {
            throw errors.atOpcode("copy_reg._reconstructor(tracemalloc.Snapshot or tracemalloc._Traces, "
                    + "object, None) for REDUCE", typeName(callable) + " called with " + typeName(argument));
        }
        stack.truncate(callableIndex);
        stack.push(new Instance(arguments.type() == SNAPSHOT_CLASS));
    }

    /** INST: an old-style class instance; tracemalloc's classes are new-style, so it is refused, class named. */
    void refuseInst(String module, String name) throws DumpFormatException {
        global(module, name);
        throw errors.atOpcode(PickleErrors.CREATION, "INST of " + printable(module + "." + name));
    }

    /** OBJ: refused like INST, naming the class on the stack. */
    void refuseObj() throws DumpFormatException {
        int from = stack.popMark();
        if (stack.size == from) {
            throw errors.atOpcode("a class above the MARK for OBJ", "nothing");
        }
        throw errors.atOpcode(PickleErrors.CREATION, "OBJ of " + typeName(stack.objects[from]));
    }

    void stackGlobal() throws DumpFormatException {
        int moduleIndex = stack.top(2);
        Object[] objects = stack.objects;
        if (!(objects[moduleIndex] instanceof String module) || !(objects[moduleIndex + 1] instanceof String name)) {
            throw errors.atOpcode("a module and a name (strings) for STACK_GLOBAL",
                    typeName(objects[moduleIndex]) + " and " + typeName(objects[moduleIndex + 1]));
        }
        Marker type = global(module, name);
        stack.truncate(moduleIndex);
        stack.push(type);
    }

    /** The only globals: Python 3 writes the Python 2 names at protocols 0–2 unless fix_imports is off. */
    Marker global(String module, String name) throws DumpFormatException {
        switch (module + "." + name) {
            case "tracemalloc.Snapshot":
                return SNAPSHOT_CLASS;
            case "tracemalloc._Traces":
                return TRACES_CLASS;
            case "copy_reg._reconstructor", "copyreg._reconstructor":
                return RECONSTRUCTOR;
            case "__builtin__.object", "builtins.object":
                return OBJECT_CLASS;
            default:
                throw errors.atOpcode("global tracemalloc.Snapshot or tracemalloc._Traces",
                        printable(module + "." + name));
        }
    }

    /**
     * At STOP: the result alone on the stack is the list or tuple that received the raw traces, or a built
     * Snapshot whose built _Traces holds it.
     *
     * @param traceContainer the list or tuple that received the raw traces; null when none did
     */
    void checkResult(Object traceContainer) throws DumpFormatException {
        if (stack.markCount != 0) {
            throw errors.atOpcode("no open MARK at STOP", stack.markCount + " open MARK(s)");
        }
        if (stack.size != 1) {
            throw errors.atOpcode("the tracemalloc.Snapshot or the traces alone on the stack at STOP",
                    stack.size + " items");
        }
        Object result = stack.objects[0];
        if (result instanceof TraceList || result instanceof TraceTuple || result == EMPTY_TUPLE_VALUE) {
            if (traceContainer != null && result != traceContainer) {
                throw errors.atOpcode("the list or tuple that holds the raw traces at STOP",
                        "another " + typeName(result));
            }
            return;
        }
        if (!(result instanceof Instance snapshot) || !snapshot.snapshot) {
            throw errors.atOpcode("a tracemalloc.Snapshot, or a list or tuple of raw traces, at STOP",
                    typeName(result));
        }
        if (!snapshot.built) {
            throw errors.atOpcode("a tracemalloc.Snapshot with its state (BUILD)", "a Snapshot without state");
        }
        Instance traces = (Instance) snapshot.value;
        if (!traces.built) {
            throw errors.atOpcode("a tracemalloc._Traces with its state (BUILD)", "a _Traces without state");
        }
        if (traceContainer != null && traces.value != traceContainer) {
            throw errors.atOpcode("the list or tuple of raw traces as _Traces._traces of the snapshot",
                    "another " + typeName(traces.value));
        }
    }
}
