package io.github.memflame.fold;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.memflame.read.FrameIdSink;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Frame ids: one per file and line, however the file's lines are kept (its own array once dense enough, the shared
 * table before and beyond that), and however many files there are.
 */
class SnapshotFolderFrameIdsTest {
    @Test
    void aLineMetBeforeItsFilesArrayReachedItKeepsItsId() {
        SnapshotFolder folder = new SnapshotFolder();
        FrameIdSink.FileFrames battle = folder.file("battle.py");
        int far = battle.frameId(5000);
        int zero = battle.frameId(0);
        Map<Integer, Integer> ids = new HashMap<>();
        for (int line = 1; line <= 6000; line++) {
            ids.put(line, battle.frameId(line));
        }
        assertEquals(far, (int) ids.get(5000), "line 5000 was in the shared table, then the array grew past it");
        assertEquals(zero, battle.frameId(0));
        assertEquals(6001, new HashSet<>(ids.values()).size() + 1, "one id per line, 0 included");
        for (int line = 1; line <= 6000; line++) {
            assertEquals((int) ids.get(line), battle.frameId(line), "line " + line);
        }
        assertEquals(far, battle.frameId(5000));
    }

    @Test
    void manyFilesWithAFewFarLinesEachGetOneIdPerFileAndLine() {
        SnapshotFolder folder = new SnapshotFolder();
        Random random = new Random(24);
        // Readers hand over each file name as one String (the folder finds files by identity).
        String[] files = new String[5_000];
        for (int i = 0; i < files.length; i++) {
            files[i] = "client/module_" + i + ".py";
        }
        Map<String, Integer> ids = new HashMap<>();
        Set<Integer> distinct = new HashSet<>();
        for (int i = 0; i < 20_000; i++) {
            String file = files[random.nextInt(files.length)];
            int line = random.nextInt(3) == 0 ? random.nextInt(40) : 1 + random.nextInt(200_000);
            int id = folder.file(file).frameId(line);
            Integer earlier = ids.putIfAbsent(file + ":" + line, id);
            if (earlier != null) {
                assertEquals((int) earlier, id, file + ":" + line);
            }
            distinct.add(id);
        }
        assertEquals(ids.size(), distinct.size(), "no two files and lines share an id");
        int stack = folder.stackId(new int[] {ids.values().iterator().next()}, 1);
        folder.trace(64, stack);
        FoldedSnapshot snapshot = folder.fold("s", null, new PathNormalizer(List.of()), List.of());
        assertEquals(64, snapshot.totalBytes());
    }
}
