/** Implementation of the test message: CMS through Bouncy Castle, MIME through Jakarta Mail. */
@NullMarked
package io.github.smimekit.mail.internal;

import org.jspecify.annotations.NullMarked;
