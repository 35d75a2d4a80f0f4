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
 */
public final class QualnameScanner {
    private static final int TAB_SIZE = 8;
    /**
     * Python refuses f-strings nested deeper than about 150 levels; beyond this the scanner reads fields as plain
     * text rather than recursing further, so no file can exhaust the call stack.
     */
    private static final int MAX_FIELD_NESTING = 200;

    private final String text;
    private int pos;
    /** The 1-based line of {@code pos}. */
    private int line = 1;
    private int bracketDepth;
    private int fieldNesting;
    /** The line on which the last token of the logical line being read ends. */
    private int lastTokenLine;
    /** The significant tokens of the logical line being read, with the bracket depth before each. */
    private final List<String> tokens = new ArrayList<>();
    private final List<Integer> tokenDepths = new ArrayList<>();

    private QualnameScanner(String text) {
        this.text = text;
    }

    /** Scans decoded source text (see {@link PythonSourceDecoder}). */
    public static EnclosingNames scan(String text) {
        return new QualnameScanner(text).scan();
    }

    private EnclosingNames scan() {
        List<Definition> definitions = new ArrayList<>();
        Deque<Definition> open = new ArrayDeque<>();
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
            readLogicalLine();
            // The line of its last token, as ast's end_lineno: not a blank line that a trailing backslash joins.
            int end = lastTokenLine;
            while (!open.isEmpty() && open.peek().indent >= indent) {
                open.pop().lastLine = previousLogicalEnd;
            }
            Definition parent = open.peek();
            int nameAt = definitionNameIndex();
            if (!tokens.isEmpty() && tokens.get(0).equals("@")) {
                decoratorStart = decoratorStart == 0 ? start : decoratorStart;
            } else if (nameAt > 0) {
                String name = identifier(tokens.get(nameAt));
                boolean isClass = tokens.get(nameAt - 1).equals("class");
                Definition definition = new Definition(qualname(parent, name), isClass, indent,
                        decoratorStart == 0 ? start : decoratorStart);
                definitions.add(definition);
                if (hasBodyOnHeaderLine(nameAt)) {
                    definition.lastLine = end;
                } else {
                    open.push(definition);
                }
                decoratorStart = 0;
            } else {
                if (parent != null && !tokens.isEmpty() && tokens.get(0).equals("global")) {
                    for (int i = 1; i < tokens.size(); i++) {
                        if (isIdentifier(tokens.get(i))) {
                            parent.globals.add(identifier(tokens.get(i)));
                        }
                    }
                }
                decoratorStart = 0;
            }
            previousLogicalEnd = end;
        }
        while (!open.isEmpty()) {
            open.pop().lastLine = previousLogicalEnd;
        }
        return names(definitions);
    }

    private EnclosingNames names(List<Definition> definitions) {
        int lineCount = lineCount();
        int[] nameIndexByLine = new int[lineCount];
        Map<String, Integer> indexByName = new HashMap<>();
        List<String> names = new ArrayList<>();
        names.add(EnclosingNames.MODULE);
        indexByName.put(EnclosingNames.MODULE, 0);
        // Outer definitions come first, so inner ones overwrite their lines.
        for (Definition definition : definitions) {
            int index = indexByName.computeIfAbsent(definition.qualname, name -> {
                names.add(name);
                return names.size() - 1;
            });
            for (int l = definition.firstLine; l <= Math.min(definition.lastLine, lineCount); l++) {
                nameIndexByLine[l - 1] = index;
            }
        }
        return new EnclosingNames(names.toArray(new String[0]), nameIndexByLine);
    }

    private int lineCount() {
        if (text.isEmpty()) {
            return 0;
        }
        char last = text.charAt(text.length() - 1);
        // line is one past the last line when the text ends with a line break.
        return last == '\n' || last == '\r' ? line - 1 : line;
    }

    private static String qualname(Definition parent, String name) {
        if (parent == null || parent.globals.contains(name)) {
            return name;
        }
        return parent.qualname + (parent.isClass ? "." : ".<locals>.") + name;
    }

    /** The index of the defined name when the logical line is a {@code def}, {@code async def} or {@code class}. */
    private int definitionNameIndex() {
        int keyword = tokens.size() > 1 && tokens.get(0).equals("async") ? 1 : 0;
        if (tokens.size() <= keyword + 1) {
            return -1;
        }
        String first = tokens.get(keyword);
        boolean definition = first.equals("def") || keyword == 0 && first.equals("class");
        return definition && isIdentifier(tokens.get(keyword + 1)) ? keyword + 1 : -1;
    }

    /** True for {@code def f(): return 1}: a token follows the colon that ends the header. */
    private boolean hasBodyOnHeaderLine(int nameAt) {
        for (int i = nameAt + 1; i < tokens.size(); i++) {
            if (tokens.get(i).equals(":") && tokenDepths.get(i) == 0) {
                return i + 1 < tokens.size();
            }
        }
        return false;
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

    private void readLogicalLine() {
        tokens.clear();
        tokenDepths.clear();
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
                addToken("\"");
                string(false);
                lastTokenLine = line;
            } else if (isIdentifierStart(c) || Character.isDigit(c) || Character.isHighSurrogate(c)) {
                int start = pos;
                while (pos < text.length() && isIdentifierPart(text.charAt(pos))) {
                    pos++;
                }
                String word = text.substring(start, pos);
                if (pos < text.length() && (text.charAt(pos) == '"' || text.charAt(pos) == '\'') && isStringPrefix(word)) {
                    addToken("\"");
                    string(isFormatPrefix(word));
                } else {
                    addToken(word);
                }
                lastTokenLine = line;
            } else {
                if (c == '(' || c == '[' || c == '{') {
                    addToken(String.valueOf(c));
                    bracketDepth++;
                } else if (c == ')' || c == ']' || c == '}') {
                    bracketDepth = Math.max(0, bracketDepth - 1);
                    addToken(String.valueOf(c));
                } else {
                    addToken(String.valueOf(c));
                }
                pos++;
                lastTokenLine = line;
            }
        }
    }

    private void addToken(String token) {
        tokens.add(token);
        tokenDepths.add(bracketDepth);
    }

    /**
     * Reads a string literal from its opening quote; in raw strings too a backslash keeps a quote or a line break
     * inside the string. Single-quoted strings end at a line break (an unterminated
     * string is a syntax error; stopping there keeps the rest of the file in step). In f-strings the replacement
     * fields are read as expressions, which since Python 3.12 may hold strings with the same quotes.
     */
    private void string(boolean formatted) {
        char quote = text.charAt(pos);
        boolean triple = text.startsWith(String.valueOf(quote).repeat(3), pos);
        pos += triple ? 3 : 1;
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (c == quote && (!triple || text.startsWith(String.valueOf(quote).repeat(3), pos))) {
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
                if (text.startsWith("{{", pos) || fieldNesting >= MAX_FIELD_NESTING) {
                    pos += text.startsWith("{{", pos) ? 2 : 1;
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
                while (pos < text.length() && isIdentifierPart(text.charAt(pos))) {
                    pos++;
                }
                if (pos < text.length() && (text.charAt(pos) == '"' || text.charAt(pos) == '\'')
                        && isStringPrefix(text.substring(start, pos))) {
                    string(isFormatPrefix(text.substring(start, pos)));
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
            } else if (c == quote && (!triple || text.startsWith(String.valueOf(quote).repeat(3), pos))) {
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

    private static boolean isStringPrefix(String word) {
        if (word.isEmpty() || word.length() > 2) {
            return false;
        }
        for (int i = 0; i < word.length(); i++) {
            if ("rRbBuUfFtT".indexOf(word.charAt(i)) < 0) {
                return false;
            }
        }
        return true;
    }

    /** {@code f} and {@code t} strings (PEP 498, PEP 750) have replacement fields. */
    private static boolean isFormatPrefix(String prefix) {
        return prefix.indexOf('f') >= 0 || prefix.indexOf('F') >= 0 || prefix.indexOf('t') >= 0
                || prefix.indexOf('T') >= 0;
    }

    private static boolean isIdentifierStart(char c) {
        return c == '_' || Character.isLetter(c) || c >= 0x80 && !Character.isWhitespace(c);
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
        final Set<String> globals = new HashSet<>();

        Definition(String qualname, boolean isClass, int indent, int firstLine) {
            this.qualname = qualname;
            this.isClass = isClass;
            this.indent = indent;
            this.firstLine = firstLine;
        }
    }
}
