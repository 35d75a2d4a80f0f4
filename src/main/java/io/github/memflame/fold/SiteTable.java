package io.github.memflame.fold;

import java.util.Arrays;

/**
 * The sites of one fold by id, in the order they were first met; {@link SiteStack}s refer to them. A site is kept
 * as its path and line rather than as a {@link Site}: a run of many snapshots holds hundreds of thousands of
 * sites each, and the objects would be most of its heap. {@link #site} makes one when asked.
 */
final class SiteTable {
    private String[] paths;
    private int[] lines;
    private int size;
    private boolean eachSiteOnce;

    /**
     * A table with room for {@code sites} sites: a fold that knows how many it adds makes no copies of millions of
     * them while adding them, nor when {@link #complete} lets go of the room left.
     */
    SiteTable(int sites) {
        paths = new String[sites];
        lines = new int[sites];
    }

    int add(String path, int line) {
        if (size == paths.length) {
            paths = Arrays.copyOf(paths, Math.max(1024, 2 * size));
            lines = Arrays.copyOf(lines, Math.max(1024, 2 * size));
        }
        paths[size] = path;
        lines[size] = line;
        return size++;
    }

    /**
     * Lets go of the room left for sites never added, once every site is: the table lives as long as its fold.
     *
     * @param eachSiteOnce whether no two sites have equal paths and lines
     */
    void complete(boolean eachSiteOnce) {
        if (paths.length != size) {
            paths = Arrays.copyOf(paths, size);
            lines = Arrays.copyOf(lines, size);
        }
        this.eachSiteOnce = eachSiteOnce;
    }

    /** Whether no two sites have equal paths and lines, as the fold that completed the table found. */
    boolean eachSiteOnce() {
        return eachSiteOnce;
    }

    Site site(int id) {
        return new Site(paths[id], lines[id]);
    }

    /** The path of site {@code id}, without making the site. */
    String path(int id) {
        return paths[id];
    }

    /** The line of site {@code id}, without making the site. */
    int line(int id) {
        return lines[id];
    }

    int size() {
        return size;
    }

    /** The path of every site by id, the table's own array (at least {@link #size} long): not to be changed. */
    String[] paths() {
        return paths;
    }

    /** The line of every site by id, the table's own array (at least {@link #size} long): not to be changed. */
    int[] lines() {
        return lines;
    }
}
