/** The PowerShell 7 renderer: not exported. */
@NullMarked
package io.github.smimekit.exchange.internal.powershell;

import org.jspecify.annotations.NullMarked;
