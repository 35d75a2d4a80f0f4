package io.github.memflame.source;

import java.text.Normalizer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Finds, for every line of a Python 2 or 3 source, the qualified name of the definition enclosing it, without a
 * Python parser: it splits the text into logical lines as Python's tokenizer does (strings, f-strings, comments,
 * brackets and backslashes across lines) and follows indentation, which is all that {@code def} and
 * {@code class} nesting depends on.
 *
 * <p>A definition's lines run from its first decorator to the last line of its last statement, as {@code ast}'s
 * {@code end_lineno}: comments and blank lines after its body belong to the enclosing scope. Lambdas and
 * comprehensions are not definitions; their lines belong to the enclosing function. Names follow PEP 3155
 * ({@code C.m}, {@code f.<locals>.g}; a name declared {@code global} in the enclosing scope is its own qualname),
 * for Python 2 files too.
 *
 * <p>Source files are untrusted: the scan takes time linear in the text and, besides the text, keeps only what it
 * returns (the definitions and their names) and the names declared global in open scopes, each within a limit.
 * A file past a limit, or one Python itself refuses for its NUL characters, is refused with the reason.
 */
public final class QualnameScanner {
    private static final int TAB_SIZE = 8;
    /** What the first tokens of a line are kept as when they are not words: a decorator's {@code @}, a string, any other. */
    private static final String AT = "@";
    private static final String STRING = "\"";
    private static final String OTHER = "+";
    /**
     * Python refuses f-strings nested deeper than about 150 levels; beyond this the scanner reads fields as plain
     * text rather than recursing further, so no file can exhaust the call stack.
     */
    private static final int MAX_FIELD_NESTING = 200;
    /** Python's tokenizer refuses more than 100 levels of indentation; each open definition takes one. */
    static final int MAX_NESTED_DEFINITIONS = 100;
    /** Far more than any real module holds; each definition is kept until the scan ends. */
    static final int MAX_DEFINITIONS = 100_000;
    /** Names declared {@code global}, counted per scope: each is kept while its scope is open. */
    static final int MAX_GLOBAL_NAMES = 100_000;
    /** The longest definition or global name, before and after NFKC normalization. */
    static final int MAX_NAME_LENGTH = 4096;
    /** The characters of the distinct qualified names kept, all together. */
    static final int MAX_QUALNAME_CHARS = 4 << 20;

    private final CharSequence text;
    private int pos;
    /** The 1-based line of {@code pos}. */
    private int line = 1;
    private int bracketDepth;
    private int fieldNesting;
    /** The line on which the last token of the logical line being read ends. */
    private int lastTokenLine;
    /**
     * The logical line being read, as much of it as decides what it is: how many significant tokens it has, the
     * first three (a decorator's {@code @}, {@code async def NAME}, {@code class NAME}), and the first {@code :}
     * outside brackets after them (a body on the header line follows it). Nothing else of a line is kept, however
     * many tokens it has.
     */
    private int tokenCount;
    private final String[] head = new String[3];
    private int headerColon;
    /** The scope a {@code global} statement being read declares its names in, else {@code null}. */
    private Definition globalScope;
    /** The scope enclosing the logical line being read, {@code null} at module level. */
    private Definition enclosing;
    private int definitionCount;
    private int globalNameCount;
    private long qualnameChars;

    private QualnameScanner(CharSequence text) {
        this.text = text;
    }

    /**
     * Scans decoded source text (see {@link PythonSourceDecoder}).
     *
     * @throws SourceScanException when the text holds a NUL character or goes past one of the limits: more than
     *                             {@value #MAX_NESTED_DEFINITIONS} nested or {@value #MAX_DEFINITIONS} definitions,
     *                             {@value #MAX_GLOBAL_NAMES} global names, a name longer than
     *                             {@value #MAX_NAME_LENGTH} characters, qualified names of more than
     *                             {@value #MAX_QUALNAME_CHARS} characters in all
     */
    public static EnclosingNames scan(CharSequence text) throws SourceScanException {
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '\u0000') {
                throw new SourceScanException("a NUL character on line " + lineAt(text, i)
                        + ": Python refuses source code with null bytes");
            }
        }
        return new QualnameScanner(text).scan();
    }

    private EnclosingNames scan() throws SourceScanException {
        List<Definition> definitions = new ArrayList<>();
        Deque<Definition> open = new ArrayDeque<>();
        Map<String, String> qualnames = new HashMap<>();
        int previousLogicalEnd = 0;
        int decoratorStart = 0;
        while (pos < text.length()) {
            int indent = indentation();
            if (pos >= text.length()) {
                break;
            }
            char c = text.charAt(pos);
            if (c == '#' || c == '\n' || c == '\r') {
                skipToNextLine();
                continue;
            }
            int start = line;
            // A logical line closes the definitions indented as deep or deeper before it is read, so that a global
            // statement knows its scope while its names go by.
            while (!open.isEmpty() && open.peek().indent >= indent) {
                open.pop().lastLine = previousLogicalEnd;
            }
            enclosing = open.peek();
            readLogicalLine();
            // The line of its last token, as ast's end_lineno: not a blank line that a trailing backslash joins.
            int end = lastTokenLine;
            int nameAt = definitionNameIndex();
            if (tokenCount > 0 && head[0].equals(AT)) {
                decoratorStart = decoratorStart == 0 ? start : decoratorStart;
            } else if (nameAt > 0) {
                if (++definitionCount > MAX_DEFINITIONS) {
                    throw limit("more than " + MAX_DEFINITIONS + " definitions", start);
                }
                String qualname = qualname(enclosing, name(head[nameAt], start));
                String known = qualnames.putIfAbsent(qualname, qualname);
                if (known == null) {
                    qualnameChars += qualname.length();
                    if (qualnameChars > MAX_QUALNAME_CHARS) {
                        throw limit("qualified names of more than " + MAX_QUALNAME_CHARS + " characters in all",
                                start);
                    }
                }
                boolean isClass = head[nameAt - 1].equals("class");
                Definition definition = new Definition(known == null ? qualname : known, isClass, indent,
                        decoratorStart == 0 ? start : decoratorStart);
                definitions.add(definition);
                if (headerColon >= 0 && tokenCount > headerColon + 1) {
                    // def f(): return 1 -- the body is on the header line.
                    definition.lastLine = end;
                } else {
                    open.push(definition);
                    if (open.size() > MAX_NESTED_DEFINITIONS) {
                        throw limit("more than " + MAX_NESTED_DEFINITIONS + " nested definitions, which Python "
                                + "refuses as too many levels of indentation", start);
                    }
                }
                decoratorStart = 0;
            } else {
                decoratorStart = 0;
            }
            previousLogicalEnd = end;
        }
        while (!open.isEmpty()) {
            open.pop().lastLine = previousLogicalEnd;
        }
        return names(definitions);
    }

    /**
     * Paints each definition's lines with its name, outer definitions first so that inner ones overwrite their
     * lines, as runs of lines: memory follows the definitions, not the lines.
     */
    private EnclosingNames names(List<Definition> definitions) {
        int lineCount = lineCount();
        Map<String, Integer> indexByName = new HashMap<>();
        List<String> names = new ArrayList<>();
        names.add(EnclosingNames.MODULE);
        indexByName.put(EnclosingNames.MODULE, 0);
        // The first line of each run of lines with one name, and the name's index and its definition's first line;
        // a run lasts to the next key. Module code's definition starts before line 1, so its lines keep their number.
        TreeMap<Integer, int[]> runs = new TreeMap<>();
        if (lineCount > 0) {
            runs.put(1, new int[] {0, 0});
        }
        for (Definition definition : definitions) {
            int first = definition.firstLine;
            int last = Math.min(definition.lastLine, lineCount);
            if (first > last) {
                continue;
            }
            int index = indexByName.computeIfAbsent(definition.qualname, name -> {
                names.add(name);
                return names.size() - 1;
            });
            int[] after = last < lineCount ? runs.floorEntry(last + 1).getValue() : null;
            runs.subMap(first, true, last + 1, true).clear();
            runs.put(first, new int[] {index, first});
            if (after != null) {
                runs.put(last + 1, after);
            }
        }
        int[] runStarts = new int[runs.size()];
        int[] runNames = new int[runs.size()];
        int[] runDefinitionStarts = new int[runs.size()];
        int run = 0;
        for (Map.Entry<Integer, int[]> entry : runs.entrySet()) {
            runStarts[run] = entry.getKey();
            runNames[run] = entry.getValue()[0];
            runDefinitionStarts[run++] = entry.getValue()[1];
        }
        return new EnclosingNames(names.toArray(new String[0]), runStarts, runNames, runDefinitionStarts, lineCount);
    }

    private int lineCount() {
        if (text.length() == 0) {
            return 0;
        }
        char last = text.charAt(text.length() - 1);
        // line is one past the last line when the text ends with a line break.
        return last == '\n' || last == '\r' ? line - 1 : line;
    }

    /** The 1-based line of a position, counting line breaks as Python does. */
    private static int lineAt(CharSequence text, int position) {
        int lineNumber = 1;
        for (int i = 0; i < position; i++) {
            char c = text.charAt(i);
            if (c == '\n' || c == '\r' && (i + 1 >= text.length() || text.charAt(i + 1) != '\n')) {
                lineNumber++;
            }
        }
        return lineNumber;
    }

    private static SourceScanException limit(String what, int line) {
        return new SourceScanException(what + " (line " + line + ")");
    }

    /** A definition or global name as Python compares it, refused when it is longer than any real one. */
    private static String name(String token, int line) throws SourceScanException {
        String name = token.length() > MAX_NAME_LENGTH ? token : identifier(token);
        if (name.length() > MAX_NAME_LENGTH) {
            throw limit("a name of more than " + MAX_NAME_LENGTH + " characters", line);
        }
        return name;
    }

    private static String qualname(Definition parent, String name) {
        if (parent == null || parent.globals != null && parent.globals.contains(name)) {
            return name;
        }
        return parent.qualname + (parent.isClass ? "." : ".<locals>.") + name;
    }

    /** The index of the defined name when the logical line is a {@code def}, {@code async def} or {@code class}. */
    private int definitionNameIndex() {
        int keyword = tokenCount > 1 && head[0].equals("async") ? 1 : 0;
        if (tokenCount <= keyword + 1) {
            return -1;
        }
        String first = head[keyword];
        boolean definition = first.equals("def") || keyword == 0 && first.equals("class");
        return definition && isIdentifier(head[keyword + 1]) ? keyword + 1 : -1;
    }

    // ---- tokenizing ----

    /** Reads the indentation of the line at {@code pos} as Python measures it: tabs to the next multiple of 8. */
    private int indentation() {
        int column = 0;
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (c == ' ') {
                column++;
            } else if (c == '\t') {
                column = (column / TAB_SIZE + 1) * TAB_SIZE;
            } else if (c == '\f') {
                column = 0;
            } else {
                break;
            }
            pos++;
        }
        return column;
    }

    private void skipToNextLine() {
        while (pos < text.length() && text.charAt(pos) != '\n' && text.charAt(pos) != '\r') {
            pos++;
        }
        newline();
    }

    /** Steps over a line break at {@code pos}, if any. */
    private void newline() {
        if (pos >= text.length()) {
            return;
        }
        char c = text.charAt(pos);
        if (c == '\r' && pos + 1 < text.length() && text.charAt(pos + 1) == '\n') {
            pos += 2;
        } else if (c == '\r' || c == '\n') {
            pos++;
        } else {
            return;
        }
        line++;
    }

    private void readLogicalLine() throws SourceScanException {
        tokenCount = 0;
        headerColon = -1;
        globalScope = null;
        bracketDepth = 0;
        lastTokenLine = line;
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (c == '\n' || c == '\r') {
                newline();
                if (bracketDepth == 0) {
                    return;
                }
            } else if (c == ' ' || c == '\t' || c == '\f') {
                pos++;
            } else if (c == '#') {
                while (pos < text.length() && text.charAt(pos) != '\n' && text.charAt(pos) != '\r') {
                    pos++;
                }
            } else if (c == '\\') {
                pos++;
                newline();
            } else if (c == '"' || c == '\'') {
                token(STRING);
                string(false);
                lastTokenLine = line;
            } else if (isIdentifierStart(c) || Character.isDigit(c)) {
                int start = pos;
                do {
                    pos++;
                } while (pos < text.length() && isIdentifierPart(text.charAt(pos)));
                if (pos < text.length() && (text.charAt(pos) == '"' || text.charAt(pos) == '\'')
                        && isStringPrefix(start, pos)) {
                    token(STRING);
                    string(isFormatPrefix(start, pos));
                } else {
                    word(start, pos);
                }
                lastTokenLine = line;
            } else {
                // Any other character is a token of its own: an operator, or one Python would refuse (U+00A0).
                if (c == '(' || c == '[' || c == '{') {
                    token(OTHER);
                    bracketDepth++;
                } else if (c == ')' || c == ']' || c == '}') {
                    bracketDepth = Math.max(0, bracketDepth - 1);
                    token(OTHER);
                } else if (c == ':' && bracketDepth == 0 && tokenCount >= 2 && headerColon < 0) {
                    headerColon = tokenCount;
                    token(OTHER);
                } else {
                    token(c == '@' ? AT : OTHER);
                }
                pos++;
                lastTokenLine = line;
            }
        }
    }

    /** A token that is not a word: only its place in the line matters. */
    private void token(String kind) {
        if (tokenCount < head.length) {
            head[tokenCount] = kind;
        }
        tokenCount++;
    }

    /**
     * A word (a name, keyword or number) from {@code start} to {@code end}: kept when it is one of the first three
     * tokens, added to the enclosing scope's globals when the line is a {@code global} statement.
     */
    private void word(int start, int end) throws SourceScanException {
        if (tokenCount < head.length) {
            head[tokenCount] = text.subSequence(start, end).toString();
        }
        if (tokenCount == 0 && enclosing != null && head[0].equals("global")) {
            globalScope = enclosing;
        } else if (globalScope != null && isIdentifierStart(text.charAt(start))) {
            String name = name(tokenCount < head.length ? head[tokenCount] : text.subSequence(start, end).toString(), line);
            if (globalScope.globals == null) {
                globalScope.globals = new HashSet<>();
            }
            if (globalScope.globals.add(name) && ++globalNameCount > MAX_GLOBAL_NAMES) {
                throw limit("more than " + MAX_GLOBAL_NAMES + " names declared global", line);
            }
        }
        tokenCount++;
    }

    /**
     * Reads a string literal from its opening quote; in raw strings too a backslash keeps a quote or a line break
     * inside the string. Single-quoted strings end at a line break (an unterminated
     * string is a syntax error; stopping there keeps the rest of the file in step). In f-strings the replacement
     * fields are read as expressions, which since Python 3.12 may hold strings with the same quotes.
     */
    private void string(boolean formatted) {
        char quote = text.charAt(pos);
        boolean triple = tripleQuoteAt(quote);
        pos += triple ? 3 : 1;
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (c == quote && (!triple || tripleQuoteAt(quote))) {
                pos += triple ? 3 : 1;
                return;
            } else if (c == '\\') {
                pos++;
                if (pos < text.length() && !(formatted && (text.charAt(pos) == '{' || text.charAt(pos) == '}'))) {
                    if (!continueLine()) {
                        pos++;
                    }
                }
            } else if (c == '\n' || c == '\r') {
                if (!triple) {
                    return;
                }
                newline();
            } else if (formatted && c == '{') {
                boolean escaped = pos + 1 < text.length() && text.charAt(pos + 1) == '{';
                if (escaped || fieldNesting >= MAX_FIELD_NESTING) {
                    pos += escaped ? 2 : 1;
                } else {
                    pos++;
                    fieldNesting++;
                    replacementField(quote, triple);
                    fieldNesting--;
                }
            } else {
                pos++;
            }
        }
    }

    /** Steps over a line break at {@code pos} and says whether there was one. */
    private boolean continueLine() {
        int before = line;
        newline();
        return line != before;
    }

    /**
     * Reads an f-string replacement field after its {@code {}: an expression, then an optional format spec
     * (after a top-level {@code :}) that may hold nested fields, up to the closing {@code }}.
     */
    private void replacementField(char quote, boolean triple) {
        int depth = 0;
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (c == '"' || c == '\'') {
                // Valid code before 3.12 never has the f-string's own quote inside a field; since 3.12 it starts a
                // nested string. Either way a quote here opens a string.
                string(false);
            } else if (isIdentifierStart(c)) {
                int start = pos;
                do {
                    pos++;
                } while (pos < text.length() && isIdentifierPart(text.charAt(pos)));
                if (pos < text.length() && (text.charAt(pos) == '"' || text.charAt(pos) == '\'')
                        && isStringPrefix(start, pos)) {
                    string(isFormatPrefix(start, pos));
                }
            } else if (c == '(' || c == '[' || c == '{') {
                depth++;
                pos++;
            } else if ((c == ')' || c == ']') && depth > 0) {
                depth--;
                pos++;
            } else if (c == '}') {
                pos++;
                if (depth == 0) {
                    return;
                }
                depth--;
            } else if (c == ':' && depth == 0) {
                pos++;
                formatSpec(quote, triple);
                return;
            } else if (c == '\n' || c == '\r') {
                newline();
            } else if (c == '#') {
                while (pos < text.length() && text.charAt(pos) != '\n' && text.charAt(pos) != '\r') {
                    pos++;
                }
            } else {
                pos++;
            }
        }
    }

    private void formatSpec(char quote, boolean triple) {
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (c == '}') {
                pos++;
                return;
            } else if (c == '{') {
                pos++;
                if (fieldNesting < MAX_FIELD_NESTING) {
                    fieldNesting++;
                    replacementField(quote, triple);
                    fieldNesting--;
                }
            } else if (c == quote && (!triple || tripleQuoteAt(quote))) {
                return;
            } else if (c == '\n' || c == '\r') {
                if (!triple) {
                    return;
                }
                newline();
            } else {
                pos++;
            }
        }
    }

    private boolean tripleQuoteAt(char quote) {
        return pos + 2 < text.length() && text.charAt(pos) == quote && text.charAt(pos + 1) == quote
                && text.charAt(pos + 2) == quote;
    }

    /** Whether the word from {@code start} to {@code end} is a string prefix ({@code rb}, {@code f}, ...). */
    private boolean isStringPrefix(int start, int end) {
        if (end - start > 2) {
            return false;
        }
        for (int i = start; i < end; i++) {
            if ("rRbBuUfFtT".indexOf(text.charAt(i)) < 0) {
                return false;
            }
        }
        return true;
    }

    /** {@code f} and {@code t} strings (PEP 498, PEP 750) have replacement fields. */
    private boolean isFormatPrefix(int start, int end) {
        for (int i = start; i < end; i++) {
            if ("fFtT".indexOf(text.charAt(i)) >= 0) {
                return true;
            }
        }
        return false;
    }

    /**
     * Letters, {@code _} and any other character from U+0080 on that is not a space: Python checks identifiers
     * further and refuses the file, the scanner need not. Spaces such as U+00A0 are not words: each is a token of
     * its own.
     */
    private static boolean isIdentifierStart(char c) {
        return c == '_' || Character.isLetter(c) || c >= 0x80 && !Character.isWhitespace(c)
                && !Character.isSpaceChar(c);
    }

    private static boolean isIdentifierPart(char c) {
        return c == '_' || Character.isLetterOrDigit(c) || c >= 0x80 && !Character.isWhitespace(c)
                && !Character.isSpaceChar(c);
    }

    private static boolean isIdentifier(String token) {
        return !token.isEmpty() && isIdentifierStart(token.charAt(0));
    }

    /** Python compares identifiers after NFKC normalization, and {@code __qualname__} holds the normalized form. */
    private static String identifier(String token) {
        for (int i = 0; i < token.length(); i++) {
            if (token.charAt(i) >= 0x80) {
                return Normalizer.normalize(token, Normalizer.Form.NFKC);
            }
        }
        return token;
    }

    private static final class Definition {
        final String qualname;
        final boolean isClass;
        final int indent;
        final int firstLine;
        int lastLine;
        /** The names its body declares {@code global}; {@code null} while there is none. */
        Set<String> globals;

        Definition(String qualname, boolean isClass, int indent, int firstLine) {
            this.qualname = qualname;
            this.isClass = isClass;
            this.indent = indent;
            this.firstLine = firstLine;
        }
    }
}
