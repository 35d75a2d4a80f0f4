/**
 * The snapshots of one test run seen together, without Maven: their order, comparisons between two scenes of the
 * run, and leak checks over repeated rounds.
 */
package io.github.memflame.run;
