package io.github.memflame.budget;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Byte counts as people write and read them. Parsing takes {@code B}, SI units {@code kB KB MB GB} (powers of
 * 1000) and IEC units {@code KiB MiB GiB} (powers of 1024), with optional spaces; formatting uses IEC units.
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
    private static final String[] IEC = {"KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};

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

    /** {@code 1023 B}, {@code 1.0 KiB}, {@code 21.3 MiB}: one decimal, the largest unit that keeps it at least 1. */
    public static String format(long bytes) {
        if (Math.abs(bytes) < 1024) {
            return bytes + " B";
        }
        BigDecimal value = BigDecimal.valueOf(bytes);
        BigDecimal unit = BigDecimal.valueOf(1024);
        int index = -1;
        while (value.abs().compareTo(unit) >= 0 && index < IEC.length - 1) {
            value = value.divide(unit);
            index++;
        }
        return value.setScale(1, RoundingMode.HALF_UP).toPlainString() + " " + IEC[index];
    }

    /** {@code +6.5%}: the signed share of {@code part} in {@code whole}, one decimal. */
    public static String percent(long part, long whole) {
        if (whole == 0) {
            return part == 0 ? "0.0%" : "n/a";
        }
        BigDecimal share = BigDecimal.valueOf(part).multiply(BigDecimal.valueOf(100))
                .divide(BigDecimal.valueOf(whole), 1, RoundingMode.HALF_UP);
        return String.format(Locale.ROOT, "%s%s%%", share.signum() > 0 ? "+" : "", share.toPlainString());
    }
}
