package io.github.smimekit.exchange;

import static java.util.Objects.requireNonNull;

import io.github.smimekit.core.SmimeException;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A cmdlet sent to the Exchange Online Admin API failed: the service refused it, answered with an
 * error, could not be reached within the retry policy, or its answer could not be read.
 *
 * <p>The message says which cmdlet failed for which recipient, the HTTP status, the error type and
 * the service's own message (quoted), and the {@code request-id} to quote to Microsoft support. It
 * never contains the access token.
 */
public final class ExchangeOperationException extends SmimeException {
  private static final long serialVersionUID = 1L;

  /** What kind of failure, by what the caller can do about it. */
  public enum Reason {
    /** HTTP 404 / {@code ManagementObjectNotFoundException}: the identity names no object. */
    NOT_FOUND,
    /** The object already exists ({@code New-MailContact} of an existing address). */
    ALREADY_EXISTS,
    /** HTTP 403: the app or user lacks the RBAC role (see {@link #suggestedRole()}). */
    MISSING_ROLE,
    /** HTTP 401 after one token refresh, or no token could be had. */
    AUTHENTICATION,
    /** The cmdlet ran and reported an error (HTTP 400, or {@code @adminapi.errors} on HTTP 200). */
    CMDLET_ERROR,
    /** HTTP 429 until the retry policy gave up. */
    THROTTLED,
    /** HTTP 5xx (or 408) until the retry policy gave up. */
    SERVICE_UNAVAILABLE,
    /** No response in time, or the connection failed, until the retry policy gave up. */
    TRANSPORT,
    /** The retry policy's total time budget ran out. */
    TIME_BUDGET,
    /** A redirect the client does not follow (too many, or to a disallowed URL). */
    REDIRECT,
    /** The response could not be read (not JSON, too large, unexpected shape). */
    BAD_RESPONSE,
    /** Any other HTTP status. */
    HTTP_ERROR
  }

  private final Reason reason;
  private final String cmdlet;
  private final @Nullable String recipient;
  private final int httpStatus;
  private final @Nullable String errorCode;
  private final @Nullable String innerMessage;
  private final @Nullable String requestId;
  private final @Nullable String suggestedRole;

  private ExchangeOperationException(Builder b, String message, @Nullable Throwable cause) {
    super(message, cause);
    this.reason = b.reason;
    this.cmdlet = b.cmdlet;
    this.recipient = b.recipient;
    this.httpStatus = b.httpStatus;
    this.errorCode = b.errorCode;
    this.innerMessage = b.innerMessage;
    this.requestId = b.requestId;
    this.suggestedRole = b.suggestedRole;
  }

  /** A builder for a failure of {@code cmdlet}; the message is composed from the fields. */
  public static Builder builder(Reason reason, String cmdlet) {
    return new Builder(reason, cmdlet);
  }

  /** What kind of failure. */
  public Reason reason() {
    return reason;
  }

  /** The cmdlet that failed, for example {@code Set-Mailbox}. */
  public String cmdlet() {
    return cmdlet;
  }

  /** The recipient the cmdlet addressed, if any. */
  public Optional<String> recipient() {
    return Optional.ofNullable(recipient);
  }

  /** The HTTP status of the last response, or 0 when there was none. */
  public int httpStatus() {
    return httpStatus;
  }

  /**
   * The error's type: the exception type name the service named ({@code TypeName}, {@code
   * ClassName}, {@code X-ExceptionType}), else the OData {@code error.code}.
   */
  public Optional<String> errorCode() {
    return Optional.ofNullable(errorCode);
  }

  /** The service's own message ({@code details[0].message} unwrapped, else the inner messages). */
  public Optional<String> innerMessage() {
    return Optional.ofNullable(innerMessage);
  }

  /** The {@code request-id} response header, for Microsoft support. */
  public Optional<String> requestId() {
    return Optional.ofNullable(requestId);
  }

  /** For {@link Reason#MISSING_ROLE}: the Entra role the documentation suggests. */
  public Optional<String> suggestedRole() {
    return Optional.ofNullable(suggestedRole);
  }

  /** Builds an {@link ExchangeOperationException}. */
  public static final class Builder {
    private final Reason reason;
    private final String cmdlet;
    private @Nullable String recipient;
    private int httpStatus;
    private @Nullable String errorCode;
    private @Nullable String innerMessage;
    private @Nullable String requestId;
    private @Nullable String suggestedRole;
    private @Nullable String detail;
    private @Nullable Throwable cause;

    private Builder(Reason reason, String cmdlet) {
      this.reason = requireNonNull(reason, "reason");
      this.cmdlet = requireNonNull(cmdlet, "cmdlet");
    }

    /** The recipient addressed. */
    public Builder recipient(@Nullable String recipient) {
      this.recipient = recipient;
      return this;
    }

    /** The HTTP status (0 for none). */
    public Builder httpStatus(int status) {
      this.httpStatus = status;
      return this;
    }

    /** The error type or code. */
    public Builder errorCode(@Nullable String code) {
      this.errorCode = code;
      return this;
    }

    /** The service's message. */
    public Builder innerMessage(@Nullable String message) {
      this.innerMessage = message == null ? null : clip(message, 500);
      return this;
    }

    /** The {@code request-id}. */
    public Builder requestId(@Nullable String id) {
      this.requestId = id == null ? null : clip(id, 100);
      return this;
    }

    /** The role to suggest. */
    public Builder suggestedRole(@Nullable String role) {
      this.suggestedRole = role;
      return this;
    }

    /** Our own words on what happened (a fragment such as {@code "gave up after 6 tries"}). */
    public Builder detail(@Nullable String detail) {
      this.detail = detail;
      return this;
    }

    /** The cause. */
    public Builder cause(@Nullable Throwable cause) {
      this.cause = cause;
      return this;
    }

    /** The exception, with its message composed from the fields. */
    public ExchangeOperationException build() {
      StringBuilder m = new StringBuilder(cmdlet);
      if (recipient != null) {
        m.append(" for '").append(clip(recipient, 200)).append('\'');
      }
      m.append(' ').append(summary());
      if (httpStatus != 0 || errorCode != null) {
        m.append(" (");
        if (httpStatus != 0) {
          m.append("HTTP ").append(httpStatus);
        }
        if (errorCode != null) {
          m.append(httpStatus != 0 ? " " : "").append(errorCode);
        }
        m.append(')');
      }
      if (detail != null) {
        m.append(": ").append(detail);
      }
      if (innerMessage != null) {
        m.append(detail != null ? "; " : ": ")
            .append("service says \"")
            .append(innerMessage)
            .append('"');
      }
      if (suggestedRole != null) {
        m.append("; assign the app the Entra role ").append(suggestedRole);
      }
      if (requestId != null) {
        m.append("; request-id ").append(requestId);
      }
      return new ExchangeOperationException(this, m.toString(), cause);
    }

    private String summary() {
      return switch (reason) {
        case NOT_FOUND -> "found no such object";
        case ALREADY_EXISTS -> "failed: the object already exists";
        case MISSING_ROLE -> "was refused: missing role";
        case AUTHENTICATION -> "was refused: authentication failed";
        case CMDLET_ERROR -> "reported an error";
        case THROTTLED -> "was throttled";
        case SERVICE_UNAVAILABLE -> "failed: service unavailable";
        case TRANSPORT -> "failed: no response";
        case TIME_BUDGET -> "failed: time budget exhausted";
        case REDIRECT -> "failed: redirect not followed";
        case BAD_RESPONSE -> "failed: unreadable response";
        case HTTP_ERROR -> "failed";
      };
    }

    private static String clip(String s, int max) {
      String oneLine = s.replace('\r', ' ').replace('\n', ' ');
      return oneLine.length() <= max ? oneLine : oneLine.substring(0, max) + "...";
    }
  }
}
