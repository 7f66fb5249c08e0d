package io.github.smimekit.exchange;

import static java.util.Objects.requireNonNull;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One cmdlet invocation with its parameters, in the order they are rendered: the neutral form that
 * both renderers share. The PowerShell 7 renderer turns it into a script line, the Admin API client
 * into an {@code InvokeCommand} request body; neither knows of the other.
 *
 * <p>Parameter names are the cmdlet's own ({@code Identity}, {@code UserCertificate}); values are
 * {@link ParameterValue}s, which carry their type (a string, a switch, a UInt32, one byte array, a
 * list of byte arrays, or {@code $null}).
 *
 * @param cmdlet the cmdlet name, for example {@code Set-Mailbox}
 * @param parameters the parameters in rendering order (copied; iteration order is kept)
 */
public record CmdletCall(String cmdlet, Map<String, ParameterValue> parameters) {
  public CmdletCall {
    requireNonNull(cmdlet, "cmdlet");
    requireNonNull(parameters, "parameters");
    if (!cmdlet.matches("[A-Z][A-Za-z]*-[A-Z][A-Za-z0-9]*")) {
      throw new IllegalArgumentException("not a cmdlet name: " + cmdlet);
    }
    Map<String, ParameterValue> copy = new LinkedHashMap<>();
    parameters.forEach(
        (name, value) -> {
          requireNonNull(name, "parameter name");
          requireNonNull(value, "parameter value");
          if (!name.matches("[A-Z][A-Za-z0-9]*")) {
            throw new IllegalArgumentException("not a parameter name: " + name);
          }
          copy.put(name, value);
        });
    parameters = Collections.unmodifiableMap(copy);
  }

  /** A builder that keeps the order in which parameters are added. */
  public static Builder builder(String cmdlet) {
    return new Builder(cmdlet);
  }

  /** The value of parameter {@code name}, if present. */
  public java.util.Optional<ParameterValue> parameter(String name) {
    return java.util.Optional.ofNullable(parameters.get(name));
  }

  /** Builds a {@link CmdletCall} parameter by parameter. */
  public static final class Builder {
    private final String cmdlet;
    private final Map<String, ParameterValue> parameters = new LinkedHashMap<>();

    private Builder(String cmdlet) {
      this.cmdlet = requireNonNull(cmdlet, "cmdlet");
    }

    /** Adds (or replaces) parameter {@code name}. */
    public Builder put(String name, ParameterValue value) {
      parameters.put(requireNonNull(name, "name"), requireNonNull(value, "value"));
      return this;
    }

    /** The immutable call. */
    public CmdletCall build() {
      return new CmdletCall(cmdlet, parameters);
    }
  }
}
