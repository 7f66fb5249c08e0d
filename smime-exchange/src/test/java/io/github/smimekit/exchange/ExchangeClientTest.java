package io.github.smimekit.exchange;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.smimekit.core.Bytes;
import io.github.smimekit.exchange.ExchangeOperationException.Reason;
import io.github.smimekit.sst.SerializedStore;
import io.github.smimekit.testing.KeyType;
import io.github.smimekit.testing.exchange.ByteArrayForm;
import io.github.smimekit.testing.exchange.FakeExchangeServer;
import io.github.smimekit.testing.exchange.Fault;
import io.github.smimekit.testing.exchange.RecordedRequest;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The client against the loopback fake over real HTTP (spec {@code exchange-online.md} §2). */
@Timeout(60)
final class ExchangeClientTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private FakeFixture f;

  @BeforeEach
  void setUp() throws Exception {
    f = new FakeFixture();
    f.server.tenant().addMailbox("alice@contoso.com");
    f.server.tenant().addMailUser("guest@contoso.com");
    f.server.tenant().addMailContact("Bob Partner", "bob@fabrikam.com");
  }

  @AfterEach
  void tearDown() {
    f.close();
  }

  private static CmdletCall setCerts(String cmdlet, String identity, ParameterValue value) {
    return CmdletCall.builder(cmdlet)
        .put("Identity", ParameterValue.text(identity))
        .put("UserCertificate", value)
        .build();
  }

  private static JsonNode params(RecordedRequest r) throws Exception {
    return JSON.readTree(r.body()).path("CmdletInput").path("Parameters");
  }

  private static List<Integer> ints(Bytes b) {
    List<Integer> out = new ArrayList<>();
    for (byte x : b.toByteArray()) {
      out.add(x & 0xFF);
    }
    return out;
  }

  private static List<Integer> ints(JsonNode array) {
    List<Integer> out = new ArrayList<>();
    array.forEach(n -> out.add(n.intValue()));
    return out;
  }

  @Test
  void invoke_setMailboxTwoCertificates_sendsNumberArraysWithCollectionAnnotation()
      throws Exception {
    Bytes c1 = f.leaf("alice@contoso.com");
    Bytes c2 = f.leaf("alice@contoso.com");
    f.client()
        .invoke(
            setCerts("Set-Mailbox", "alice@contoso.com", ParameterValue.byteList(List.of(c1, c2))));

    RecordedRequest r = f.server.takeRequest();
    assertThat(r.method()).isEqualTo("POST");
    assertThat(r.path()).isEqualTo("/adminapi/beta/contoso.onmicrosoft.com/InvokeCommand");
    JsonNode root = JSON.readTree(r.body());
    assertThat(root.path("CmdletInput").path("CmdletName").asText()).isEqualTo("Set-Mailbox");
    JsonNode p = params(r);
    assertThat(p.path("UserCertificate@odata.type").asText())
        .isEqualTo("#Collection(Exchange.ByteArrayType)");
    assertThat(p.path("UserCertificate")).hasSize(2);
    assertThat(p.path("UserCertificate").get(0).has("@odata.type")).isFalse();
    assertThat(p.path("UserCertificate").get(0).path("Data").isArray()).isTrue();
    assertThat(ints(p.path("UserCertificate").get(0).path("Data"))).isEqualTo(ints(c1));
    assertThat(ints(p.path("UserCertificate").get(1).path("Data"))).isEqualTo(ints(c2));
    assertThat(p.path("Confirm").isBoolean()).isTrue();
    assertThat(p.path("Confirm").asBoolean()).isFalse();
    // the numbers are written out, never base64
    assertThat(r.body())
        .contains(
            "\"Data\":["
                + ints(c1).stream().map(String::valueOf).collect(Collectors.joining(","))
                + "]");

    assertThat(f.server.tenant().recipient("alice@contoso.com").orElseThrow().userCertificates())
        .containsExactly(c1.toByteArray(), c2.toByteArray());
  }

  @Test
  void invoke_sendsTheHeadersOfSection20() throws Exception {
    f.client().invoke(setCerts("Set-Mailbox", "alice@contoso.com", ParameterValue.nullValue()));
    RecordedRequest r = f.server.takeRequest();
    assertThat(r.header("Authorization")).contains("Bearer " + f.server.acceptedToken());
    assertThat(r.header("X-CmdletName")).contains("Set-Mailbox");
    assertThat(r.header("X-ResponseFormat")).contains("json");
    assertThat(r.header("Content-Type")).contains("application/json");
    assertThat(r.header("Accept")).contains("application/json");
    assertThat(r.header("Prefer")).contains("odata.maxpagesize=1000");
    assertThat(r.header("X-AnchorMailbox"))
        .contains(
            "APP:SystemMailbox{bb558c35-97f1-4cb9-8ff7-d53741dc928c}@contoso.onmicrosoft.com");
    assertThat(r.header("client-request-id").orElseThrow())
        .matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    assertThat(r.header("Accept-Encoding")).isEmpty();
    assertThat(f.tokenRequests).hasSize(1);
    assertThat(f.tokenRequests.get(0).scope()).isEqualTo("https://outlook.office365.com/.default");
  }

  @Test
  void invoke_anchorMailboxSetting_isSentAsConfigured() throws Exception {
    f.clientBuilder()
        .anchorMailbox(AnchorMailbox.upn("OAuthUser@contoso.onmicrosoft.com"))
        .build()
        .invoke(CmdletCall.builder("Get-SmimeConfig").build());
    assertThat(f.server.takeRequest().header("X-AnchorMailbox"))
        .contains("UPN:OAuthUser@contoso.onmicrosoft.com");
    f.clientBuilder()
        .anchorMailbox(AnchorMailbox.none())
        .build()
        .invoke(CmdletCall.builder("Get-SmimeConfig").build());
    assertThat(f.server.takeRequest().header("X-AnchorMailbox")).isEmpty();
  }

  @Test
  void invoke_nullClears_sendsJsonNull() throws Exception {
    f.server
        .tenant()
        .setUserCertificates(
            "alice@contoso.com", List.of(f.leaf("alice@contoso.com").toByteArray()));
    f.client().invoke(setCerts("Set-Mailbox", "alice@contoso.com", ParameterValue.nullValue()));
    JsonNode p = params(f.server.takeRequest());
    assertThat(p.has("UserCertificate")).isTrue();
    assertThat(p.get("UserCertificate").isNull()).isTrue();
    assertThat(p.has("UserCertificate@odata.type")).isFalse();
    assertThat(f.server.tenant().recipient("alice@contoso.com").orElseThrow().userCertificates())
        .isEmpty();
  }

  @Test
  void invoke_setSmimeConfig_sendsOneByteArrayTypeObject() throws Exception {
    Bytes sst = SerializedStore.builder().add(f.root.certificate()).build().encode();
    f.client()
        .invoke(
            CmdletCall.builder("Set-SmimeConfig")
                .put("SMIMECertificateIssuingCA", ParameterValue.bytes(sst))
                .build());
    JsonNode v = params(f.server.takeRequest()).path("SMIMECertificateIssuingCA");
    assertThat(v.path("@odata.type").asText()).isEqualTo("#Exchange.ByteArrayType");
    assertThat(ints(v.path("Data")).subList(0, 8)).containsExactly(0, 0, 0, 0, 67, 69, 82, 84);
    assertThat(ints(v.path("Data"))).isEqualTo(ints(sst));
    assertThat(f.client().readIssuingCaStore()).contains(sst);
  }

  @Test
  void setSmimeConfig_expiredCertificate_isCmdletErrorNamingIt() {
    var expired = f.pki.rootCa("Old Root").keyType(KeyType.EC_P256).expired().build();
    Bytes sst =
        SerializedStore.builder()
            .add(f.root.certificate())
            .add(expired.certificate())
            .build()
            .encode();
    assertThatThrownBy(
            () ->
                f.client()
                    .invoke(
                        CmdletCall.builder("Set-SmimeConfig")
                            .put("SMIMECertificateIssuingCA", ParameterValue.bytes(sst))
                            .build()))
        .isInstanceOfSatisfying(
            ExchangeOperationException.class,
            e -> {
              assertThat(e.reason()).isEqualTo(Reason.CMDLET_ERROR);
              assertThat(e.httpStatus()).isEqualTo(400);
              assertThat(e.innerMessage().orElseThrow())
                  .contains("expired")
                  .contains(io.github.smimekit.core.Thumbprint.sha1(expired.certificate()).hex());
              assertThat(e.errorCode().orElseThrow()).endsWith("ExpiredCertificateInSST");
              assertThat(e.requestId()).isPresent();
            });
    assertThat(f.server.tenant().issuingCaStore()).isEmpty();
    assertThat(f.server.requestCount()).isEqualTo(1);
  }

  @Test
  void setSmimeConfig_oversizedStore_isRefused() throws Exception {
    try (FakeExchangeServer small = FakeExchangeServer.builder().sstSizeLimit(100).start()) {
      ExchangeClient c = f.clientBuilder().baseUri(small.baseUri()).build();
      Bytes sst = SerializedStore.builder().add(f.root.certificate()).build().encode();
      assertThatThrownBy(
              () ->
                  c.invoke(
                      CmdletCall.builder("Set-SmimeConfig")
                          .put("SMIMECertificateIssuingCA", ParameterValue.bytes(sst))
                          .build()))
          .isInstanceOfSatisfying(
              ExchangeOperationException.class,
              e -> assertThat(e.errorCode().orElseThrow()).endsWith("SSTFileSizeExceedLimit"));
    }
  }

  @Test
  void newMailContact_duplicate_isAlreadyExists() {
    CmdletCall call =
        CmdletCall.builder("New-MailContact")
            .put("Name", ParameterValue.text("Bob Again"))
            .put("ExternalEmailAddress", ParameterValue.text("bob@fabrikam.com"))
            .build();
    assertThatThrownBy(() -> f.client().invoke(call))
        .isInstanceOfSatisfying(
            ExchangeOperationException.class,
            e -> {
              assertThat(e.reason()).isEqualTo(Reason.ALREADY_EXISTS);
              assertThat(e.recipient()).contains("bob@fabrikam.com");
              assertThat(e.getMessage())
                  .startsWith(
                      "New-MailContact for 'bob@fabrikam.com' failed: the object already exists (HTTP 400 Microsoft.Exchange.Data.Directory.ADObjectAlreadyExistsException)");
            });
  }

  @Test
  void newMailContact_thenSetMailContact_createsContactWithCertificate() {
    Bytes c = f.leaf("carol@partner.example");
    ExchangeClient client = f.client();
    CmdletResult created =
        client.invoke(
            CmdletCall.builder("New-MailContact")
                .put("Name", ParameterValue.text("Carol"))
                .put("ExternalEmailAddress", ParameterValue.text("carol@partner.example"))
                .build());
    assertThat(created.values()).hasSize(1);
    client.invoke(
        setCerts("Set-MailContact", "carol@partner.example", ParameterValue.byteList(List.of(c))));
    TenantRecipient r =
        client
            .readRecipient(new RecipientRef(RecipientType.MAIL_CONTACT, "carol@partner.example"))
            .orElseThrow();
    assertThat(r.userCertificates()).containsExactly(c);
    assertThat(r.primarySmtpAddress()).isEqualTo("carol@partner.example");
  }

  @Test
  void unknownIdentity_readIsEmpty_setIsNotFound() {
    ExchangeClient client = f.client();
    assertThat(client.readRecipient(new RecipientRef(RecipientType.MAILBOX, "nobody@contoso.com")))
        .isEmpty();
    assertThatThrownBy(
            () ->
                client.invoke(
                    setCerts("Set-Mailbox", "nobody@contoso.com", ParameterValue.nullValue())))
        .isInstanceOfSatisfying(
            ExchangeOperationException.class,
            e -> {
              assertThat(e.reason()).isEqualTo(Reason.NOT_FOUND);
              assertThat(e.httpStatus()).isEqualTo(404);
              // the localizedString/ClassName shape of details[0].message
              assertThat(e.innerMessage().orElseThrow())
                  .contains("'nobody@contoso.com' couldn't be found");
              assertThat(e.errorCode().orElseThrow()).contains("ManagementObjectNotFoundException");
              assertThat(e.getMessage()).contains("request-id ");
            });
  }

  @Test
  void setOnWrongType_isNotFound() {
    assertThatThrownBy(
            () ->
                f.client()
                    .invoke(
                        setCerts("Set-Mailbox", "bob@fabrikam.com", ParameterValue.nullValue())))
        .isInstanceOfSatisfying(
            ExchangeOperationException.class,
            e -> assertThat(e.reason()).isEqualTo(Reason.NOT_FOUND));
  }

  @Test
  void readRecipients_paged_postsSameBodyToNextLink() throws Exception {
    for (int i = 0; i < 24; i++) {
      f.server.tenant().addMailbox("user" + i + "@contoso.com");
    }
    f.server.clearRecordedRequests();
    List<TenantRecipient> all =
        f.clientBuilder().pageSize(10).build().readRecipients(RecipientType.MAILBOX);
    assertThat(all).hasSize(25);
    assertThat(all.get(0).identity()).isEqualTo("alice@contoso.com");
    List<RecordedRequest> rs =
        List.of(f.server.takeRequest(), f.server.takeRequest(), f.server.takeRequest());
    assertThat(f.server.recordedRequests()).isEmpty();
    assertThat(rs).extracting(RecordedRequest::body).containsOnly(rs.get(0).body());
    assertThat(rs)
        .extracting(r -> r.header("client-request-id").orElseThrow())
        .containsOnly(rs.get(0).header("client-request-id").orElseThrow());
    assertThat(rs.get(0).target()).endsWith("/InvokeCommand");
    assertThat(rs.get(1).target()).endsWith("/InvokeCommand?$skiptoken=10");
    assertThat(rs.get(2).target()).endsWith("/InvokeCommand?$skiptoken=20");
    assertThat(params(rs.get(0)).path("ResultSize").asText()).isEqualTo("Unlimited");
    assertThat(rs.get(0).header("Prefer")).contains("odata.maxpagesize=10");
  }

  @Test
  void readRecipient_bothByteArrayForms_giveTheSameBytes() {
    Bytes c1 = f.leaf("alice@contoso.com");
    Bytes c2 = f.leaf("alice@contoso.com");
    Bytes c3 = f.leaf("alice@contoso.com");
    f.server
        .tenant()
        .setUserCertificates(
            "alice@contoso.com", List.of(c1.toByteArray(), c2.toByteArray(), c3.toByteArray()));
    RecipientRef ref = new RecipientRef(RecipientType.MAILBOX, "alice@contoso.com");
    for (ByteArrayForm form : ByteArrayForm.values()) {
      f.server.byteArrayForm(form);
      assertThat(f.client().readRecipient(ref).orElseThrow().userCertificates())
          .as(form.name())
          .containsExactly(c1, c2, c3);
    }
  }

  @Test
  void readState_readsNamedRecipientsAndStore() {
    Bytes c = f.leaf("guest@contoso.com");
    f.server.tenant().setUserCertificates("guest@contoso.com", List.of(c.toByteArray()));
    TenantState s =
        f.client()
            .readState(
                List.of(
                    new RecipientRef(RecipientType.MAIL_USER, "guest@contoso.com"),
                    new RecipientRef(RecipientType.MAILBOX, "missing@contoso.com"),
                    new RecipientRef(RecipientType.MAIL_CONTACT, "bob@fabrikam.com")));
    assertThat(s.recipients())
        .extracting(TenantRecipient::identity)
        .containsExactly("guest@contoso.com", "bob@fabrikam.com");
    assertThat(s.recipients().get(0).userCertificates()).containsExactly(c);
    assertThat(s.issuingCaStore()).isEmpty();
    TenantState all = f.client().readState();
    assertThat(all.recipients())
        .extracting(TenantRecipient::type)
        .containsExactly(
            RecipientType.MAILBOX, RecipientType.MAIL_USER, RecipientType.MAIL_CONTACT);
  }

  // --- throttling and faults --------------------------------------------------------------

  @Test
  void throttled429_waitsFractionalRetryAfter_andKeepsRequestId() throws Exception {
    f.server.enqueue(Fault.throttle("1.5"));
    f.client().invoke(CmdletCall.builder("Get-SmimeConfig").build());
    assertThat(f.time.sleeps).containsExactly(Duration.ofMillis(1500));
    RecordedRequest first = f.server.takeRequest();
    RecordedRequest second = f.server.takeRequest();
    assertThat(second.header("client-request-id")).isEqualTo(first.header("client-request-id"));
    assertThat(second.body()).isEqualTo(first.body());
  }

  @Test
  void throttled429WithoutRetryAfter_backsOff() {
    f.server.enqueue(Fault.throttle(null));
    f.client().invoke(CmdletCall.builder("Get-SmimeConfig").build());
    assertThat(f.time.sleeps).containsExactly(Duration.ofSeconds(2));
  }

  @Test
  void status503And504And408_retriedWithExponentialBackoff() {
    f.server.enqueue(Fault.status(503));
    f.server.enqueue(Fault.status(504));
    f.server.enqueue(Fault.status(408));
    f.client().invoke(CmdletCall.builder("Get-SmimeConfig").build());
    // jitter 0.5 gives exactly the base: 2 s, 4 s, 8 s
    assertThat(f.time.sleeps)
        .containsExactly(Duration.ofSeconds(2), Duration.ofSeconds(4), Duration.ofSeconds(8));
    assertThat(f.server.requestCount()).isEqualTo(4);
  }

  @Test
  void jitter_spreadsTheBackoff() {
    f.server.enqueue(Fault.status(503));
    f.clientBuilder()
        .jitter(() -> 0.0)
        .build()
        .invoke(CmdletCall.builder("Get-SmimeConfig").build());
    assertThat(f.time.sleeps).containsExactly(Duration.ofMillis(1600));
  }

  @Test
  void namedTransientException_isRetried_otherStatus500IsNot() {
    f.server.enqueue(Fault.status(500, "Microsoft.Exchange.Data.Directory.DCOverloadedException"));
    f.client().invoke(CmdletCall.builder("Get-SmimeConfig").build());
    assertThat(f.server.requestCount()).isEqualTo(2);

    f.server.enqueue(Fault.status(500));
    assertThatThrownBy(() -> f.client().invoke(CmdletCall.builder("Get-SmimeConfig").build()))
        .isInstanceOfSatisfying(
            ExchangeOperationException.class, e -> assertThat(e.httpStatus()).isEqualTo(500));
    assertThat(f.server.requestCount()).isEqualTo(3);
  }

  @Test
  void other4xx_isNeverRetried() {
    assertThatThrownBy(() -> f.client().invoke(CmdletCall.builder("Set-Frobnicator").build()))
        .isInstanceOfSatisfying(
            ExchangeOperationException.class,
            e -> {
              assertThat(e.reason()).isEqualTo(Reason.CMDLET_ERROR);
              assertThat(e.innerMessage().orElseThrow()).contains("not recognized");
            });
    assertThat(f.server.requestCount()).isEqualTo(1);
    assertThat(f.time.sleeps).isEmpty();
  }

  @Test
  void maxAttempts_givesUpAfterSixTries() {
    for (int i = 0; i < 7; i++) {
      f.server.enqueue(Fault.status(503));
    }
    assertThatThrownBy(() -> f.client().invoke(CmdletCall.builder("Get-SmimeConfig").build()))
        .isInstanceOfSatisfying(
            ExchangeOperationException.class,
            e -> {
              assertThat(e.reason()).isEqualTo(Reason.SERVICE_UNAVAILABLE);
              assertThat(e.getMessage()).contains("gave up after 6 tries");
            });
    assertThat(f.server.requestCount()).isEqualTo(6);
  }

  @Test
  void timeBudget_stopsRetriesBeforeItIsExceeded() {
    for (int i = 0; i < 6; i++) {
      f.server.enqueue(Fault.status(503));
    }
    ExchangeClient c =
        f.clientBuilder()
            .retryPolicy(RetryPolicy.builder().totalBudget(Duration.ofSeconds(10)).build())
            .build();
    assertThatThrownBy(() -> c.invoke(CmdletCall.builder("Get-SmimeConfig").build()))
        .isInstanceOfSatisfying(
            ExchangeOperationException.class,
            e -> {
              assertThat(e.reason()).isEqualTo(Reason.TIME_BUDGET);
              assertThat(e.httpStatus()).isEqualTo(503);
              assertThat(e.getMessage()).contains("time budget of 10s exhausted after 3 tries");
            });
    // waited 2 s + 4 s; 8 s more would pass the budget
    assertThat(f.time.sleeps).containsExactly(Duration.ofSeconds(2), Duration.ofSeconds(4));
  }

  @Test
  void slowResponsePastTimeout_isRetried() {
    f.server.enqueue(Fault.slow(Duration.ofSeconds(3)));
    ExchangeClient c = f.clientBuilder().requestTimeout(Duration.ofMillis(300)).build();
    CmdletResult r = c.invoke(CmdletCall.builder("Get-SmimeConfig").build());
    assertThat(r.values()).hasSize(1);
    assertThat(f.server.requestCount()).isEqualTo(2);
  }

  @Test
  void slowResponsesUntilGivingUp_isTransportFailure() {
    for (int i = 0; i < 2; i++) {
      f.server.enqueue(Fault.slow(Duration.ofSeconds(2)));
    }
    ExchangeClient c =
        f.clientBuilder()
            .requestTimeout(Duration.ofMillis(200))
            .retryPolicy(RetryPolicy.builder().maxAttempts(2).build())
            .build();
    assertThatThrownBy(() -> c.invoke(CmdletCall.builder("Get-SmimeConfig").build()))
        .isInstanceOfSatisfying(
            ExchangeOperationException.class,
            e -> {
              assertThat(e.reason()).isEqualTo(Reason.TRANSPORT);
              assertThat(e.getMessage()).contains("no response within 200 ms");
            });
  }

  @Test
  void newMailContact_ambiguous503_checksExistenceAndDoesNotCreateTwice() throws Exception {
    f.server.enqueue("New-MailContact", Fault.runThenStatus(503));
    CmdletResult r =
        f.client()
            .invoke(
                CmdletCall.builder("New-MailContact")
                    .put("Name", ParameterValue.text("Dave"))
                    .put("ExternalEmailAddress", ParameterValue.text("dave@partner.example"))
                    .build());
    assertThat(r.warnings()).anyMatch(w -> w.contains("had already taken effect"));
    List<String> cmdlets = new ArrayList<>();
    for (RecordedRequest q : f.server.recordedRequests()) {
      cmdlets.add(
          q.header("X-CmdletName").orElseThrow() + " " + params(q).path("Identity").asText(""));
    }
    assertThat(cmdlets).containsExactly("New-MailContact ", "Get-MailContact dave@partner.example");
    assertThat(f.server.tenant().recipients())
        .filteredOn(x -> x.primarySmtpAddress().equals("dave@partner.example"))
        .hasSize(1);
  }

  @Test
  void newMailContact_ambiguousTimeout_checksExistence() {
    f.server.enqueue("New-MailContact", Fault.slow(Duration.ofSeconds(2)));
    ExchangeClient c = f.clientBuilder().requestTimeout(Duration.ofMillis(300)).build();
    c.invoke(
        CmdletCall.builder("New-MailContact")
            .put("Name", ParameterValue.text("Erin"))
            .put("ExternalEmailAddress", ParameterValue.text("erin@partner.example"))
            .build());
    assertThat(f.server.tenant().recipient("erin@partner.example")).isPresent();
    assertThat(f.server.requestCount())
        .isEqualTo(2); // the New-MailContact and the check, no second New
  }

  @Test
  void newMailContact_failedBeforeRunning_isSentAgain() {
    f.server.enqueue("New-MailContact", Fault.status(503));
    f.client()
        .invoke(
            CmdletCall.builder("New-MailContact")
                .put("Name", ParameterValue.text("Finn"))
                .put("ExternalEmailAddress", ParameterValue.text("finn@partner.example"))
                .build());
    assertThat(f.server.tenant().recipient("finn@partner.example")).isPresent();
    assertThat(f.server.requestCount()).isEqualTo(3); // New (503), check (404), New
  }

  // --- authentication ---------------------------------------------------------------------

  @Test
  void unauthorizedOnce_refreshesTokenWithClaims() {
    f.server.enqueue(Fault.unauthorized("eyJhY2Nlc3NfdG9rZW4iOnt9fQ=="));
    f.client().invoke(CmdletCall.builder("Get-SmimeConfig").build());
    assertThat(f.tokenRequests).hasSize(2);
    assertThat(f.tokenRequests.get(0).forceRefresh()).isFalse();
    assertThat(f.tokenRequests.get(1).forceRefresh()).isTrue();
    assertThat(f.tokenRequests.get(1).claims()).contains("eyJhY2Nlc3NfdG9rZW4iOnt9fQ==");
    assertThat(f.time.sleeps).isEmpty();
  }

  @Test
  void unauthorizedTwice_failsClearlyWithoutTheToken() {
    f.server.enqueue(Fault.unauthorized("c1"));
    f.server.enqueue(Fault.unauthorized("c2"));
    f.server.enqueue(Fault.unauthorized("c3"));
    assertThatThrownBy(() -> f.client().invoke(CmdletCall.builder("Get-SmimeConfig").build()))
        .isInstanceOfSatisfying(
            ExchangeOperationException.class,
            e -> {
              assertThat(e.reason()).isEqualTo(Reason.AUTHENTICATION);
              assertThat(e.httpStatus()).isEqualTo(401);
              assertThat(e.getMessage())
                  .contains("also after a fresh one was requested")
                  .doesNotContain(f.server.acceptedToken());
            });
    assertThat(f.server.requestCount()).isEqualTo(2);
  }

  @Test
  void wrongToken_isAuthenticationFailure() {
    ExchangeClient c =
        f.clientBuilder()
            .tokenProvider(AccessTokenProvider.fixed(AccessToken.of("not-the-token".toCharArray())))
            .build();
    assertThatThrownBy(() -> c.invoke(CmdletCall.builder("Get-SmimeConfig").build()))
        .isInstanceOfSatisfying(
            ExchangeOperationException.class,
            e -> {
              assertThat(e.reason()).isEqualTo(Reason.AUTHENTICATION);
              assertThat(e.getMessage()).doesNotContain("not-the-token");
            });
  }

  @Test
  void tokenProviderFailure_isAuthenticationFailure() {
    ExchangeClient c =
        f.clientBuilder()
            .tokenProvider(
                r -> {
                  throw new io.github.smimekit.core.SmimeException(
                      "token endpoint said invalid_client");
                })
            .build();
    assertThatThrownBy(() -> c.invoke(CmdletCall.builder("Get-SmimeConfig").build()))
        .isInstanceOfSatisfying(
            ExchangeOperationException.class,
            e -> {
              assertThat(e.reason()).isEqualTo(Reason.AUTHENTICATION);
              assertThat(e.getMessage())
                  .contains("no access token: token endpoint said invalid_client");
            });
    assertThat(f.server.requestCount()).isZero();
  }

  @Test
  void forbidden403_namesTheSuggestedRole_andIsNotRetried() {
    f.server.enqueue(Fault.forbidden());
    assertThatThrownBy(
            () ->
                f.client()
                    .invoke(
                        CmdletCall.builder("Set-SmimeConfig")
                            .put("OWAAlwaysSign", ParameterValue.bool(true))
                            .build()))
        .isInstanceOfSatisfying(
            ExchangeOperationException.class,
            e -> {
              assertThat(e.reason()).isEqualTo(Reason.MISSING_ROLE);
              assertThat(e.suggestedRole()).contains("Exchange Administrator");
              assertThat(e.getMessage())
                  .contains("assign the app the Entra role Exchange Administrator")
                  .contains("User is not allowed to call Set-SmimeConfig");
            });
    assertThat(f.server.requestCount()).isEqualTo(1);
  }

  @Test
  void adminApiErrorsOnHttp200_isAFailure() {
    f.server.enqueue("Set-Mailbox", Fault.adminApiErrors("Couldn't find object \"alice\"."));
    assertThatThrownBy(
            () ->
                f.client()
                    .invoke(
                        setCerts("Set-Mailbox", "alice@contoso.com", ParameterValue.nullValue())))
        .isInstanceOfSatisfying(
            ExchangeOperationException.class,
            e -> {
              assertThat(e.reason()).isEqualTo(Reason.CMDLET_ERROR);
              assertThat(e.httpStatus()).isEqualTo(200);
              assertThat(e.getMessage())
                  .contains("@adminapi.errors on HTTP 200")
                  .contains("Couldn't find object");
            });
    assertThat(f.server.requestCount()).isEqualTo(1);
  }

  @Test
  void adminApiErrorsNamingTransientException_isRetried() {
    f.server.enqueue("Get-SmimeConfig", Fault.adminApiErrors("StorageTransientException: busy"));
    assertThat(f.client().invoke(CmdletCall.builder("Get-SmimeConfig").build()).values())
        .hasSize(1);
    assertThat(f.server.requestCount()).isEqualTo(2);
  }

  // --- redirects --------------------------------------------------------------------------

  @Test
  void redirectToOtherLoopbackHost_isFollowedWithoutTheToken() throws Exception {
    try (FakeExchangeServer regional =
        FakeExchangeServer.builder().host("127.0.0.2").sharing(f.server).start()) {
      f.server.enqueue(Fault.redirect(regional.baseUri()));
      f.server.enqueue(Fault.redirect(regional.baseUri()));
      assertThatThrownBy(() -> f.client().invoke(CmdletCall.builder("Get-SmimeConfig").build()))
          .isInstanceOfSatisfying(
              ExchangeOperationException.class,
              e -> assertThat(e.reason()).isEqualTo(Reason.AUTHENTICATION));
      RecordedRequest atRegional = regional.takeRequest();
      assertThat(atRegional.header("Authorization")).isEmpty();
      assertThat(atRegional.path())
          .isEqualTo("/adminapi/beta/contoso.onmicrosoft.com/InvokeCommand");
      assertThat(atRegional.body()).contains("Get-SmimeConfig");
      assertThat(regional.takeRequest().header("Authorization")).isEmpty();
      assertThat(f.server.takeRequest().header("Authorization")).isPresent();
    }
  }

  @Test
  void redirectToAllowedHost_carriesTheToken() throws Exception {
    try (FakeExchangeServer regional =
        FakeExchangeServer.builder().host("127.0.0.2").sharing(f.server).start()) {
      f.server.enqueue(Fault.redirect(regional.baseUri()));
      ExchangeClient c =
          f.clientBuilder()
              .redirectPolicy(RedirectPolicy.defaults().withTokenHost("127.0.0.2"))
              .build();
      assertThat(c.invoke(CmdletCall.builder("Get-SmimeConfig").build()).values()).hasSize(1);
      assertThat(regional.takeRequest().header("Authorization"))
          .contains("Bearer " + f.server.acceptedToken());
    }
  }

  @Test
  void redirectToPlainHttpElsewhere_isRefused() {
    f.server.enqueue(Fault.redirect(URI.create("http://203.0.113.9/adminapi/beta/")));
    assertThatThrownBy(() -> f.client().invoke(CmdletCall.builder("Get-SmimeConfig").build()))
        .isInstanceOfSatisfying(
            ExchangeOperationException.class,
            e -> {
              assertThat(e.reason()).isEqualTo(Reason.REDIRECT);
              assertThat(e.getMessage()).contains("https only");
            });
  }

  @Test
  void tooManyRedirects_isRefused() {
    for (int i = 0; i < 3; i++) {
      f.server.enqueue(Fault.redirect(f.server.baseUri()));
    }
    ExchangeClient c =
        f.clientBuilder().redirectPolicy(RedirectPolicy.defaults().withMaxRedirects(2)).build();
    assertThatThrownBy(() -> c.invoke(CmdletCall.builder("Get-SmimeConfig").build()))
        .isInstanceOfSatisfying(
            ExchangeOperationException.class,
            e -> assertThat(e.getMessage()).contains("more than 2 redirects"));
  }

  // --- $batch -----------------------------------------------------------------------------

  @Test
  void batch_sendsUpToTenSubRequests_andResendsFailedOnesAlone() throws Exception {
    List<CmdletCall> calls = new ArrayList<>();
    List<Bytes> certs = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      String a = "b" + i + "@contoso.com";
      f.server.tenant().addMailbox(a);
      Bytes c = f.leaf(a);
      certs.add(c);
      calls.add(setCerts("Set-Mailbox", a, ParameterValue.byteList(List.of(c))));
    }
    f.server.clearRecordedRequests();
    f.server.enqueue("Set-Mailbox", Fault.status(503));
    List<CallOutcome> out = f.clientBuilder().batch(true).concurrency(1).build().invokeAll(calls);
    assertThat(out).allMatch(CallOutcome::succeeded);
    for (int i = 0; i < 12; i++) {
      assertThat(
              f.server
                  .tenant()
                  .recipient("b" + i + "@contoso.com")
                  .orElseThrow()
                  .userCertificates())
          .containsExactly(certs.get(i).toByteArray());
    }
    List<RecordedRequest> rs = f.server.recordedRequests();
    assertThat(rs)
        .extracting(RecordedRequest::path)
        .containsExactly(
            "/adminapi/beta/contoso.onmicrosoft.com/$batch",
            "/adminapi/beta/contoso.onmicrosoft.com/InvokeCommand",
            "/adminapi/beta/contoso.onmicrosoft.com/$batch");
    RecordedRequest first = rs.get(0);
    assertThat(first.header("Prefer")).contains("odata.continue-on-error");
    assertThat(first.header("Authorization")).isPresent();
    JsonNode requests = JSON.readTree(first.body()).path("requests");
    assertThat(requests).hasSize(10);
    assertThat(requests.get(0).path("id").asText()).isEqualTo("1");
    assertThat(requests.get(0).path("method").asText()).isEqualTo("POST");
    assertThat(requests.get(0).path("url").asText())
        .isEqualTo(f.server.baseUri() + "contoso.onmicrosoft.com/InvokeCommand");
    assertThat(requests.get(0).path("headers").path("X-CmdletName").asText())
        .isEqualTo("Set-Mailbox");
    assertThat(requests.get(0).path("headers").path("Prefer").asText())
        .isEqualTo("odata.maxpagesize=1000;odata.continue-on-error");
    assertThat(requests.get(0).path("body").path("CmdletInput").path("CmdletName").asText())
        .isEqualTo("Set-Mailbox");
    assertThat(JSON.readTree(rs.get(2).body()).path("requests")).hasSize(2);
    // the re-sent one is the first sub-request, alone
    assertThat(params(rs.get(1)).path("Identity").asText()).isEqualTo("b0@contoso.com");
  }

  @Test
  void invokeAll_oneFailure_doesNotStopTheOthers() {
    List<CmdletCall> calls =
        List.of(
            setCerts("Set-Mailbox", "alice@contoso.com", ParameterValue.nullValue()),
            setCerts("Set-Mailbox", "ghost@contoso.com", ParameterValue.nullValue()),
            setCerts("Set-MailUser", "guest@contoso.com", ParameterValue.nullValue()));
    for (boolean batch : new boolean[] {false, true}) {
      List<CallOutcome> out = f.clientBuilder().batch(batch).build().invokeAll(calls);
      assertThat(out).extracting(CallOutcome::succeeded).containsExactly(true, false, true);
      assertThat(out.get(1).failure().orElseThrow().reason()).isEqualTo(Reason.NOT_FOUND);
    }
  }

  // --- settings and secrets ---------------------------------------------------------------

  @Test
  void builder_refusesPlainHttpOutsideLoopback() {
    assertThatThrownBy(
            () ->
                ExchangeClient.builder()
                    .baseUri(URI.create("http://outlook.office365.com/adminapi/beta/")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("https");
    assertThat(
            ExchangeClient.builder()
                .baseUri(URI.create("http://[::1]:8080/adminapi/beta"))
                .tenant(FakeFixture.TENANT)
                .tokenProvider(f.tokens())
                .build()
                .invokeUri()
                .toString())
        .isEqualTo("http://[::1]:8080/adminapi/beta/contoso.onmicrosoft.com/InvokeCommand");
  }

  @Test
  void defaults_areThoseOfTheModule() {
    ExchangeClient c =
        ExchangeClient.builder()
            .tenant(TenantId.parse("0b3f6a1e-0000-4000-8000-00000000abcd"))
            .tokenProvider(f.tokens())
            .build();
    assertThat(c.invokeUri())
        .isEqualTo(
            URI.create(
                "https://outlook.office365.com/adminapi/beta/0b3f6a1e-0000-4000-8000-00000000abcd/InvokeCommand"));
    assertThat(c.pageSize()).isEqualTo(1000);
    assertThat(c.concurrency()).isEqualTo(4);
    assertThat(c.batch()).isFalse();
    assertThat(c.retryPolicy().maxAttempts()).isEqualTo(6);
    assertThat(c.newBuilder().concurrency(2).build().concurrency()).isEqualTo(2);
  }

  @Test
  void toString_showsNoToken() {
    AccessToken t = AccessToken.of("eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9.secret".toCharArray());
    ExchangeClient c = f.clientBuilder().tokenProvider(AccessTokenProvider.fixed(t)).build();
    assertThat(c.toString()).doesNotContain("secret").contains("contoso.onmicrosoft.com");
    assertThat(t.toString()).isEqualTo("AccessToken[***]");
    assertThat(Set.of(t).toString()).doesNotContain("secret");
  }

  @Test
  void optionalRoundTrip_getSmimeConfigWithoutStore() {
    assertThat(f.client().readIssuingCaStore()).isEqualTo(Optional.empty());
  }
}
