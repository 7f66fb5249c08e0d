/**
 * The public API of smimekit core. Entry points are small static facades; results are immutable
 * values; every failure on bad input is a subclass of {@link
 * io.github.smimekit.core.SmimeException}.
 */
@NullMarked
package io.github.smimekit.core;

import org.jspecify.annotations.NullMarked;
