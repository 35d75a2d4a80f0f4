package io.github.memflame.budget;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ByteSizeTest {

    @Test
    void parsesSiAndIecUnitsWithOrWithoutSpaces() {
        assertEquals(20L * 1024 * 1024, ByteSize.parse("20 MiB"));
        assertEquals(16_000_000L, ByteSize.parse("16MB"));
        assertEquals(512L * 1024, ByteSize.parse(" 512 KiB "));
        assertEquals(1000L, ByteSize.parse("1kB"));
        assertEquals(1000L, ByteSize.parse("1 KB"));
        assertEquals(3L * 1000 * 1000 * 1000, ByteSize.parse("3GB"));
        assertEquals(3L * 1024 * 1024 * 1024, ByteSize.parse("3 GiB"));
        assertEquals(1536L * 1024 * 1024, ByteSize.parse("1.5 GiB"));
        assertEquals(42L, ByteSize.parse("42"));
        assertEquals(42L, ByteSize.parse("42 B"));
    }

    @Test
    void refusesUnknownUnitsFractionsOfBytesAndOverflow() {
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class, () -> ByteSize.parse("20 MiBs"));
        assertTrue(unknown.getMessage().contains("'20 MiBs'"), unknown.getMessage());
        assertTrue(unknown.getMessage().contains("KiB, MiB, GiB"), unknown.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ByteSize.parse("1.5 B"));
        assertThrows(IllegalArgumentException.class, () -> ByteSize.parse("20 mb"));
        assertThrows(IllegalArgumentException.class, () -> ByteSize.parse("-1 KiB"));
        assertThrows(IllegalArgumentException.class, () -> ByteSize.parse(""));
        assertThrows(IllegalArgumentException.class, () -> ByteSize.parse("99999999999 GiB"));
    }
}
