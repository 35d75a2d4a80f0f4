package io.github.memflame.format;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class NumbersTest {

    @Test
    void bytesUseIecUnitsAndOneDecimal() {
        assertEquals("0 B", Numbers.bytes(0));
        assertEquals("1023 B", Numbers.bytes(1023));
        assertEquals("1.0 KiB", Numbers.bytes(1024));
        assertEquals("21.3 MiB", Numbers.bytes(22_334_668));
        assertEquals("20.0 MiB", Numbers.bytes(20L * 1024 * 1024));
        assertEquals("8.0 EiB", Numbers.bytes(Long.MAX_VALUE));
        assertEquals("-2.0 KiB", Numbers.bytes(-2048));
        assertEquals("-1023 B", Numbers.bytes(-1023));
        // On main Math.abs left Long.MIN_VALUE negative, so it was written as a count of bytes.
        assertEquals("-8.0 EiB", Numbers.bytes(Long.MIN_VALUE));
    }

    /** Totals over several dumps, each of which may claim up to Long.MAX_VALUE bytes. */
    /** A long is written in longs; exactly as its BigInteger, at each unit's edges, at ties and elsewhere. */
    @Test
    void bytesOfALongAreThoseOfTheSameBigInteger() {
        assertEquals("1.3 KiB", Numbers.bytes(1280));
        assertEquals("-1.3 KiB", Numbers.bytes(-1280));
        assertEquals("1024.0 KiB", Numbers.bytes(1024 * 1024 - 1));
        assertEquals("512.0 PiB", Numbers.bytes((1L << 59) - 1));
        List<Long> values = new ArrayList<>();
        for (int bit = 10; bit < 63; bit++) {
            for (long near = -3; near <= 3; near++) {
                values.add((1L << bit) + near);
                // A tenth's tie: the remainder of ten times the figure is half the unit.
                values.add(((1L << bit) * 5 + (1L << (bit - 1)) * 7) / 10 + near);
            }
        }
        Random random = new Random(22);
        for (int i = 0; i < 20_000; i++) {
            values.add(random.nextLong() >> random.nextInt(64));
        }
        for (long value : values) {
            for (long signed : new long[] {value, -value}) {
                assertEquals(Numbers.bytes(BigInteger.valueOf(signed)), Numbers.bytes(signed), Long.toString(signed));
            }
        }
    }

    @Test
    void totalsBeyondALongAreWrittenExactly() {
        BigInteger twice = BigInteger.valueOf(Long.MAX_VALUE).multiply(BigInteger.TWO);
        assertEquals("16.0 EiB", Numbers.bytes(twice));
        assertEquals("18,446,744,073,709,551,614", Numbers.grouped(twice));
        assertEquals("1023 B", Numbers.bytes(BigInteger.valueOf(1023)));
        assertEquals("1.0 KiB", Numbers.bytes(BigInteger.valueOf(1024)));
        assertEquals("16384.0 EiB", Numbers.bytes(BigInteger.ONE.shiftLeft(74)));
    }

    @Test
    void groupedByThreeWhateverTheLocale() {
        assertEquals("0", Numbers.grouped(0));
        assertEquals("999", Numbers.grouped(999));
        assertEquals("1,000", Numbers.grouped(1000));
        assertEquals("-1,234,567", Numbers.grouped(-1_234_567));
        assertEquals("9,223,372,036,854,775,807", Numbers.grouped(Long.MAX_VALUE));
    }

    @Test
    void percentRoundsHalfUpAndSaysWhenThereIsNoWhole() {
        assertEquals("33.33%", Numbers.percent(1, 3, 2));
        assertEquals("0.1%", Numbers.percent(1, 1000, 1));
        assertEquals("0.00%", Numbers.percent(0, 0, 2));
        assertEquals("n/a", Numbers.percent(5, 0, 1));
        assertEquals("-26.8%", Numbers.percent(-1_070_000, 4_000_000, 1));
    }

    @Test
    void signedPercentMarksGrowth() {
        assertEquals("+6.5%", Numbers.signedPercent(1_363_148, 20_971_520));
        assertEquals("0.0%", Numbers.signedPercent(0, 10));
        assertEquals("0.0%", Numbers.signedPercent(1, 100_000));
        assertEquals("-50.0%", Numbers.signedPercent(-5, 10));
    }
}
