package io.github.memflame.format;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;

/**
 * How every report and log line writes a number: byte counts in IEC units, integers grouped by three, shares
 * in percent. Independent of the default locale. The flame graph's script has the same three functions for
 * what it computes in the browser; {@code FormattingParityTest} runs both on the same inputs.
 */
public final class Numbers {
    private static final String[] IEC = {"KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};
    private static final BigDecimal KIBI = BigDecimal.valueOf(1024);
    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    private Numbers() {
    }

    /** {@code 1023 B}, {@code 1.0 KiB}, {@code 21.3 MiB}: one decimal, the largest unit that keeps it at least 1. */
    public static String bytes(long bytes) {
        // Not Math.abs: it leaves Long.MIN_VALUE negative.
        if (bytes > -1024 && bytes < 1024) {
            return bytes + " B";
        }
        long magnitude = Math.abs(bytes);
        if (magnitude < 0 || magnitude >= 1L << 59) {
            return bytes(BigDecimal.valueOf(bytes));
        }
        // As the BigDecimal below, in longs (a report writes some 20,000 figures): dividing by powers of 1024 is
        // exact in binary, and the tenths round half up, away from zero, from the remainder.
        int shift = 10;
        int index = 0;
        while (index < IEC.length - 1 && magnitude >>> (shift + 10) != 0) {
            shift += 10;
            index++;
        }
        long tenths = magnitude * 10;
        long rounded = tenths >>> shift;
        if ((tenths - (rounded << shift)) * 2 >= 1L << shift) {
            rounded++;
        }
        return (bytes < 0 ? "-" : "") + rounded / 10 + "." + rounded % 10 + " " + IEC[index];
    }

    /**
     * {@link #bytes(long)} of a total that may exceed {@link Long#MAX_VALUE}: the sum of figures from several dumps,
     * each of which may claim up to that many bytes. Beyond EiB the figure grows in EiB.
     */
    public static String bytes(BigInteger bytes) {
        return bytes.abs().compareTo(BigInteger.valueOf(1024)) < 0 ? bytes + " B" : bytes(new BigDecimal(bytes));
    }

    private static String bytes(BigDecimal bytes) {
        BigDecimal value = bytes;
        int index = -1;
        while (value.abs().compareTo(KIBI) >= 0 && index < IEC.length - 1) {
            value = value.divide(KIBI);
            index++;
        }
        return value.setScale(1, RoundingMode.HALF_UP).toPlainString() + " " + IEC[index];
    }

    /** {@code 1,234,567}: digits grouped by three with commas. */
    public static String grouped(long value) {
        return grouped(Long.toString(value));
    }

    /** {@link #grouped(long)} of a total that may exceed {@link Long#MAX_VALUE}. */
    public static String grouped(BigInteger value) {
        return grouped(value.toString());
    }

    private static String grouped(String digits) {
        int start = digits.startsWith("-") ? 1 : 0;
        int count = digits.length() - start;
        if (count <= 3) {
            return digits;
        }
        StringBuilder out = new StringBuilder(digits.length() + count / 3);
        out.append(digits, 0, start);
        for (int i = start; i < digits.length(); i++) {
            if (i > start && (digits.length() - i) % 3 == 0) {
                out.append(',');
            }
            out.append(digits.charAt(i));
        }
        return out.toString();
    }

    /**
     * {@code 12.34%}: the share of {@code part} in {@code whole} with the given decimals, rounded half up; a
     * negative share keeps its minus sign. {@code n/a} when {@code whole} is 0 and {@code part} is not.
     */
    public static String percent(long part, long whole, int decimals) {
        if (whole == 0) {
            return part == 0 ? BigDecimal.ZERO.setScale(decimals).toPlainString() + "%" : "n/a";
        }
        return BigDecimal.valueOf(part).multiply(HUNDRED)
                .divide(BigDecimal.valueOf(whole), decimals, RoundingMode.HALF_UP).toPlainString() + "%";
    }

    /** {@code +6.5%}: {@link #percent} with one decimal and a plus sign on a positive share, for changes. */
    public static String signedPercent(long part, long whole) {
        String share = percent(part, whole, 1);
        boolean positive = whole != 0 && BigDecimal.valueOf(part).multiply(HUNDRED)
                .divide(BigDecimal.valueOf(whole), 1, RoundingMode.HALF_UP).signum() > 0;
        return positive ? "+" + share : share;
    }

    /** A change in bytes: {@code +1.5 KiB}, {@code -300 B}, {@code 0 B}, as the diff graphs' script writes it too. */
    public static String signedBytes(long delta) {
        return (delta > 0 ? "+" : "") + bytes(delta);
    }

    /** A change in bytes, grouped: {@code +31,440}, {@code -5}, {@code 0}. */
    public static String signedGrouped(long delta) {
        return (delta > 0 ? "+" : "") + grouped(delta);
    }

    /**
     * A change relative to the baseline: {@link #signedPercent}, or {@code new} when the baseline had nothing, as the
     * diff graphs' script writes it too.
     */
    public static String changePercent(long delta, long before) {
        return before == 0 && delta != 0 ? "new" : signedPercent(delta, before);
    }
}
