/**
 * The Maven-free core the goals call: {@link io.github.memflame.check.MemflameCheck} lists, reads and folds the
 * dumps, checks the budgets and writes the report; {@link io.github.memflame.check.MemflameView} writes the report
 * of dumps named one by one; {@link io.github.memflame.check.MemflameAggregate} joins module reports. Settings come
 * in as plain validated values ({@link io.github.memflame.check.CheckSettings},
 * {@link io.github.memflame.check.ViewSettings}), lines go out through a
 * {@link io.github.memflame.check.CheckListener}; the mojos in {@code io.github.memflame} only translate Maven's
 * configuration and log.
 */
package io.github.memflame.check;
