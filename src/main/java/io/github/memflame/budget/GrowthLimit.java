package io.github.memflame.budget;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A limit on how much a budget's figure may grow since the baseline: a byte size ({@code 2 MiB}) or a share of
 * the baseline's figure ({@code 10%}).
 *
 * @param bytes the allowed growth in bytes, or -1 when the limit is a percentage
 * @param percent the allowed growth as a percentage of the baseline's figure, or {@code null} when it is bytes
 * @param text the limit as configured, e.g. {@code 2 MiB} or {@code 10%}
 */
public record GrowthLimit(long bytes, BigDecimal percent, String text) {
    private static final BigDecimal LARGEST = BigDecimal.valueOf(Long.MAX_VALUE);
    private static final Pattern PERCENT = Pattern.compile("\\s*(\\d+(?:\\.\\d+)?)\\s*%\\s*");

    /** @throws IllegalArgumentException unless exactly one of a non-negative byte count and a percentage is given */
    public GrowthLimit {
        Objects.requireNonNull(text, "text");
        if ((percent == null) == (bytes < 0)) {
            throw new IllegalArgumentException("a growth limit is either bytes or a percentage, was bytes=" + bytes
                    + ", percent=" + percent);
        }
        if (percent != null && percent.signum() < 0) {
            throw new IllegalArgumentException("a growth limit cannot be negative, was " + percent + "%");
        }
    }

    /**
     * Parses {@code 2 MiB} (any {@link ByteSize}) or {@code 10%} ({@code 2.5%} too).
     *
     * @throws IllegalArgumentException naming the text and what is accepted
     */
    public static GrowthLimit parse(String text) {
        Matcher percent = PERCENT.matcher(text == null ? "" : text);
        if (percent.matches()) {
            return new GrowthLimit(-1, new BigDecimal(percent.group(1)), text.trim());
        }
        try {
            return new GrowthLimit(ByteSize.parse(text), null, text.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + text + "' is not a growth limit; expected a byte size such as "
                    + "'2 MiB' or a percentage of the baseline such as '10%'", e);
        }
    }

    /** True when the limit is a share of the baseline's figure. */
    public boolean isPercent() {
        return percent != null;
    }

    /**
     * The growth allowed over a baseline figure, in whole bytes (a percentage rounds down: growth is exceeded as
     * soon as it is more than the share, and byte counts are whole). A share larger than {@link Long#MAX_VALUE}
     * bytes, of a huge baseline figure or by a huge percentage, is {@link Long#MAX_VALUE}: no growth can exceed it.
     *
     * @param baselineBytes the baseline's figure, from 0
     */
    public long allowedBytes(long baselineBytes) {
        if (baselineBytes < 0) {
            throw new IllegalArgumentException("a baseline figure cannot be negative, was " + baselineBytes);
        }
        if (percent == null) {
            return bytes;
        }
        BigDecimal allowed = BigDecimal.valueOf(baselineBytes).multiply(percent).movePointLeft(2)
                .setScale(0, RoundingMode.FLOOR);
        return allowed.compareTo(LARGEST) > 0 ? Long.MAX_VALUE : allowed.longValueExact();
    }
}
