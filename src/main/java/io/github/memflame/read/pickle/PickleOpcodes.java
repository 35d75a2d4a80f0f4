package io.github.memflame.read.pickle;

/** The opcodes of pickle protocols 0–5 by byte, with the names {@code pickletools} gives them. */
final class PickleOpcodes {
    static final int MARK = '(';
    static final int FLOAT = 'F';
    static final int PERSID = 'P';
    static final int BINPERSID = 'Q';
    static final int REDUCE = 'R';
    static final int STRING = 'S';
    static final int UNICODE = 'V';
    static final int BINFLOAT = 'G';
    static final int DICT = 'd';
    static final int GET = 'g';
    static final int INST = 'i';
    static final int LIST = 'l';
    static final int OBJ = 'o';
    static final int PUT = 'p';
    static final int STOP = '.';
    static final int INT = 'I';
    static final int BININT = 'J';
    static final int BININT1 = 'K';
    static final int LONG = 'L';
    static final int BININT2 = 'M';
    static final int NONE = 'N';
    static final int BINSTRING = 'T';
    static final int SHORT_BINSTRING = 'U';
    static final int BINUNICODE = 'X';
    static final int APPEND = 'a';
    static final int BUILD = 'b';
    static final int GLOBAL = 'c';
    static final int EMPTY_DICT = '}';
    static final int APPENDS = 'e';
    static final int BINGET = 'h';
    static final int LONG_BINGET = 'j';
    static final int EMPTY_LIST = ']';
    static final int BINPUT = 'q';
    static final int LONG_BINPUT = 'r';
    static final int SETITEM = 's';
    static final int TUPLE = 't';
    static final int EMPTY_TUPLE = ')';
    static final int SETITEMS = 'u';
    static final int PROTO = 0x80;
    static final int NEWOBJ = 0x81;
    static final int TUPLE1 = 0x85;
    static final int TUPLE2 = 0x86;
    static final int TUPLE3 = 0x87;
    static final int LONG1 = 0x8a;
    static final int SHORT_BINUNICODE = 0x8c;
    static final int STACK_GLOBAL = 0x93;
    static final int MEMOIZE = 0x94;
    static final int FRAME = 0x95;

    private static final String[] NAMES = new String[256];

    static {
        String[][] table = {
            {"(", "MARK"}, {".", "STOP"}, {"0", "POP"}, {"1", "POP_MARK"}, {"2", "DUP"}, {"F", "FLOAT"},
            {"I", "INT"}, {"J", "BININT"}, {"K", "BININT1"}, {"L", "LONG"}, {"M", "BININT2"}, {"N", "NONE"},
            {"P", "PERSID"}, {"Q", "BINPERSID"}, {"R", "REDUCE"}, {"S", "STRING"}, {"T", "BINSTRING"},
            {"U", "SHORT_BINSTRING"}, {"V", "UNICODE"}, {"X", "BINUNICODE"}, {"a", "APPEND"}, {"b", "BUILD"},
            {"c", "GLOBAL"}, {"d", "DICT"}, {"}", "EMPTY_DICT"}, {"e", "APPENDS"}, {"g", "GET"}, {"h", "BINGET"},
            {"i", "INST"}, {"j", "LONG_BINGET"}, {"l", "LIST"}, {"]", "EMPTY_LIST"}, {"o", "OBJ"}, {"p", "PUT"},
            {"q", "BINPUT"}, {"r", "LONG_BINPUT"}, {"s", "SETITEM"}, {"t", "TUPLE"}, {")", "EMPTY_TUPLE"},
            {"u", "SETITEMS"}, {"G", "BINFLOAT"}, {"B", "BINBYTES"}, {"C", "SHORT_BINBYTES"},
            {"\u0080", "PROTO"}, {"\u0081", "NEWOBJ"}, {"\u0082", "EXT1"}, {"\u0083", "EXT2"}, {"\u0084", "EXT4"},
            {"\u0085", "TUPLE1"}, {"\u0086", "TUPLE2"}, {"\u0087", "TUPLE3"}, {"\u0088", "NEWTRUE"},
            {"\u0089", "NEWFALSE"}, {"\u008a", "LONG1"}, {"\u008b", "LONG4"}, {"\u008c", "SHORT_BINUNICODE"},
            {"\u008d", "BINUNICODE8"}, {"\u008e", "BINBYTES8"}, {"\u008f", "EMPTY_SET"}, {"\u0090", "ADDITEMS"},
            {"\u0091", "FROZENSET"}, {"\u0092", "NEWOBJ_EX"}, {"\u0093", "STACK_GLOBAL"}, {"\u0094", "MEMOIZE"},
            {"\u0095", "FRAME"}, {"\u0096", "BYTEARRAY8"}, {"\u0097", "NEXT_BUFFER"}, {"\u0098", "READONLY_BUFFER"},
        };
        for (String[] entry : table) {
            NAMES[entry[0].charAt(0)] = entry[1];
        }
    }

    private PickleOpcodes() {
    }

    /** E.g. {@code REDUCE (0x52)}, or {@code an unknown opcode (0xFF)}. */
    static String describe(int opcode) {
        String name = NAMES[opcode & 0xff];
        return String.format("%s (0x%02X)", name == null ? "an unknown opcode" : name, opcode & 0xff);
    }

    static String name(int opcode) {
        String name = NAMES[opcode & 0xff];
        return name == null ? String.format("opcode 0x%02X", opcode & 0xff) : name;
    }
}
