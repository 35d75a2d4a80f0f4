package io.github.memflame.budget;

import java.math.BigDecimal;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Byte counts as people write and read them. Parsing takes {@code B}, SI units {@code kB KB MB GB} (powers of
 * 1000) and IEC units {@code KiB MiB GiB} (powers of 1024), with optional spaces. Writing a size is
 * {@link io.github.memflame.format.Numbers#bytes}.
 */
public final class ByteSize {
    private static final Pattern SIZE = Pattern.compile("\\s*(\\d+(?:\\.\\d+)?)\\s*([A-Za-z]*)\\s*");
    private static final Map<String, Long> UNITS = Map.of(
            "", 1L,
            "B", 1L,
            "kB", 1000L,
            "KB", 1000L,
            "MB", 1000L * 1000,
            "GB", 1000L * 1000 * 1000,
            "KiB", 1024L,
            "MiB", 1024L * 1024,
            "GiB", 1024L * 1024 * 1024);

    private ByteSize() {
    }

    /**
     * Parses {@code 20 MiB}, {@code 16MB}, {@code 512 KiB}, {@code 1.5 GiB} or a plain byte count.
     *
     * @throws IllegalArgumentException naming the text and the accepted units when it is not a size
     */
    public static long parse(String text) {
        Matcher matcher = SIZE.matcher(text == null ? "" : text);
        Long multiplier = matcher.matches() ? UNITS.get(matcher.group(2)) : null;
        if (multiplier == null) {
            throw new IllegalArgumentException("'" + text + "' is not a byte size; expected a number with an "
                    + "optional unit: B, kB, KB, MB, GB (powers of 1000) or KiB, MiB, GiB (powers of 1024)");
        }
        BigDecimal bytes = new BigDecimal(matcher.group(1)).multiply(BigDecimal.valueOf(multiplier));
        if (bytes.stripTrailingZeros().scale() > 0) {
            throw new IllegalArgumentException("'" + text + "' is not a whole number of bytes");
        }
        try {
            return bytes.longValueExact();
        } catch (ArithmeticException tooLarge) {
            throw new IllegalArgumentException("'" + text + "' is larger than " + Long.MAX_VALUE + " bytes");
        }
    }
}
