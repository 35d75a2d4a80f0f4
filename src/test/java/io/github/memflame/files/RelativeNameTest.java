package io.github.memflame.files;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Names read from files are checked and resolved the same way on every operating system. */
class RelativeNameTest {
    @TempDir
    Path temp;

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "..\\java\\Evil.java          | it contains '\\', a separator on Windows and a character elsewhere; names use '/'",
        "a\\b.folded                  | it contains '\\', a separator on Windows and a character elsewhere; names use '/'",
        "\\\\server\\share\\x         | it contains '\\', a separator on Windows and a character elsewhere; names use '/'",
        "../outside.folded            | it has a '..' component",
        "a/../../b                    | it has a '..' component",
        "./x                          | it has a '.' component",
        "/etc/passwd                  | it is an absolute path",
        "C:/x.folded                  | it starts with a drive letter",
        "c:x.folded                   | it starts with a drive letter",
        "a//b                         | it has an empty component ('//' or a '/' at its end)",
        "a/                           | it has an empty component ('//' or a '/' at its end)",
    })
    void namesThatCouldLeadOutAreRefusedSayingWhy(String name, String reason) {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> RelativeName.of(name));
        assertEquals(reason, refused.getMessage());
    }

    @Test
    void anEmptyNameIsRefused() {
        assertEquals("it is empty", assertThrows(IllegalArgumentException.class, () -> RelativeName.of(""))
                .getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"scene.pickle.path.svg", "sub/dir/scene 1#menu.pickle.stack.folded.gz", "..x/..y.folded",
        "a/.hidden", "~/x", "%2e%2e/x", "a/\u2025/x", "scene:1.pickle", "客户端/背包.folded"})
    void otherNamesResolveComponentByComponentUnderTheDirectory(String name) {
        Path resolved = RelativeName.of(name).under(temp);
        assertTrue(resolved.startsWith(temp), resolved.toString());
        assertEquals(temp.getNameCount() + name.split("/").length, resolved.getNameCount());
        assertEquals(name, RelativeName.of(name).text());
    }

    @Test
    @DisabledOnOs(value = OS.WINDOWS, disabledReason = "symbolic links need privileges there")
    void anExistingFileMustNotBeALinkLeadingOut() throws Exception {
        Path directory = Files.createDirectories(temp.resolve("baseline"));
        Files.writeString(temp.resolve("secret.folded"), "SECRET_TOKEN 1\n");
        Files.createSymbolicLink(directory.resolve("out.folded"), Path.of("../secret.folded"));
        Files.writeString(directory.resolve("in.folded"), "a 1\n");
        Files.createSymbolicLink(directory.resolve("alias.folded"), Path.of("in.folded"));

        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> RelativeName.of("out.folded").existingUnder(directory));
        assertEquals("it is a link, or lies under one, that leads out of " + directory, refused.getMessage());
        assertEquals(directory.resolve("alias.folded"), RelativeName.of("alias.folded").existingUnder(directory),
                "a link that stays inside is fine");
        assertThrows(NoSuchFileException.class, () -> RelativeName.of("missing.folded").existingUnder(directory));
    }
}
