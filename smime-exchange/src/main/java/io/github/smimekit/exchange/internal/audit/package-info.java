/** The audit of a tenant's S/MIME state and its renderers; not API. */
@NullMarked
package io.github.smimekit.exchange.internal.audit;

import org.jspecify.annotations.NullMarked;
