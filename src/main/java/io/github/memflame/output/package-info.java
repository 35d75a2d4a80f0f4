/**
 * Writing files and directories so that nothing is half-written or lost: files and whole directories swapped in
 * atomically, the guard that refuses to replace what memflame did not write, and the lock that keeps concurrent
 * builds from writing one directory at once. Knows nothing of Maven.
 */
package io.github.memflame.output;
