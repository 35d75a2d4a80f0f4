package io.github.memflame.run;

/** The names people give comparisons and leak checks: each names the files of their graphs. */
final class RunNames {
    private RunNames() {
    }

    /**
     * The name trimmed, {@code null} for none (blank included).
     *
     * @throws IllegalArgumentException when it cannot be a file name of the report: a separator, {@code .},
     *                                  {@code ..} or a control character
     */
    static String checked(String name) {
        if (name == null || name.isBlank()) {
            return null;
        }
        String trimmed = name.trim();
        if (trimmed.equals(".") || trimmed.equals("..") || trimmed.contains("/") || trimmed.contains("\\")
                || trimmed.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            throw new IllegalArgumentException("<name>" + trimmed + "</name> cannot name a file of the report; "
                    + "write a plain name such as town-revisit");
        }
        return trimmed;
    }
}
