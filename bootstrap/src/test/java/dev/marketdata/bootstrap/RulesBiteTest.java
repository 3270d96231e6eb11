package dev.marketdata.bootstrap;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import dev.marketdata.adapters.config.fixture.ReadsAnAdaptersSettings;
import dev.marketdata.adapters.in.fixture.CallsTheNatsAdapter;
import dev.marketdata.adapters.in.fixture.ReadsTheEnvironment;
import dev.marketdata.adapters.in.fixture.StrayUseCase;
import dev.marketdata.adapters.in.fixture.UsesAService;
import dev.marketdata.adapters.out.fixture.PrintsToStdout;
import dev.marketdata.adapters.out.fixture.UsesJavaUtilLogging;
import dev.marketdata.adapters.out.fixture.UsesLogback;
import dev.marketdata.adapters.out.nats.UrlMasking;
import dev.marketdata.application.port.in.fixture.CheckHealth;
import dev.marketdata.application.port.in.fixture.NeedsAnOutPort;
import dev.marketdata.application.port.out.MessagingStatusPort;
import dev.marketdata.application.port.out.fixture.MessagingStatus;
import dev.marketdata.application.service.HealthService;
import dev.marketdata.application.service.fixture.OpenService;
import dev.marketdata.application.service.fixture.ReadsTheClock;
import dev.marketdata.application.service.fixture.ReadsTheEnvironmentByReference;
import dev.marketdata.application.service.fixture.StartsAThread;
import dev.marketdata.domain.fixture.OpensASocket;
import dev.marketdata.fixture.cycle.a.A;
import dev.marketdata.fixture.cycle.b.B;
import dev.marketdata.fixture.startup.LoggingWarmup;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every rule of {@link HexagonRules} bites: each is evaluated on small compiled fixtures that
 * breach it (test classes, never production code) and must report the breach, naming what breached.
 */
class RulesBiteTest {

  /**
   * Evaluates a rule on the given classes. A layered architecture checks who accesses a layer's
   * classes, so a fixture is imported together with what it wrongly reaches.
   */
  private static void assertBites(ArchRule rule, String expectedInReport, Class<?>... classes) {
    JavaClasses imported = new ClassFileImporter().importClasses(List.of(classes));

    EvaluationResult result = rule.evaluate(imported);

    String report = String.join("\n", result.getFailureReport().getDetails());
    assertTrue(result.hasViolation(), rule.getDescription() + " let the breach through");
    assertTrue(
        report.contains(expectedInReport),
        "expected the report to name " + expectedInReport + ":\n" + report);
  }

  @Test
  void theCoreMayNotUseIo() {
    assertBites(
        HexagonRules.theCoreUsesOnlyItselfAndNonIoJdkPackages,
        "java.net.Socket",
        OpensASocket.class);
    assertBites(
        HexagonRules.theCoreUsesOnlyItselfAndNonIoJdkPackages,
        "java.nio.file.Files",
        OpensASocket.class);
  }

  @Test
  void theCoreMayNotReadTheClockByCallOrByReference() {
    assertBites(
        HexagonRules.theCoreReachesNoClockEnvironmentThreadOrProcess,
        "ReadsTheClock.now()",
        ReadsTheClock.class);
    assertBites(
        HexagonRules.theCoreReachesNoClockEnvironmentThreadOrProcess,
        "ReadsTheClock.clock()",
        ReadsTheClock.class);
  }

  @Test
  void theCoreMayNotReadTheEnvironmentEvenByReference() {
    assertBites(
        HexagonRules.theCoreReachesNoClockEnvironmentThreadOrProcess,
        "java.lang.System",
        ReadsTheEnvironmentByReference.class);
  }

  @Test
  void theCoreMayNotStartThreads() {
    assertBites(
        HexagonRules.theCoreReachesNoClockEnvironmentThreadOrProcess,
        "java.lang.Thread",
        StartsAThread.class);
  }

  @Test
  void onlyTheConfigurationReadsTheEnvironment() {
    assertBites(
        HexagonRules.onlyTheConfigurationReadsTheEnvironment, "getenv", ReadsTheEnvironment.class);
  }

  @Test
  void adaptersMayNotUseServices() {
    assertBites(
        HexagonRules.theRingsDependInwardThroughPorts,
        "HealthService",
        UsesAService.class,
        HealthService.class);
  }

  @Test
  void inPortsAndOutPortsMayNotDependOnEachOther() {
    assertBites(
        HexagonRules.theRingsDependInwardThroughPorts,
        "MessagingStatusPort",
        NeedsAnOutPort.class,
        MessagingStatusPort.class);
  }

  @Test
  void adaptersUseOnlyTheirWhitelistedTechnologies() {
    assertBites(
        HexagonRules.adaptersUseOnlyTheCoreAndTheirTechnologies,
        "ch.qos.logback",
        UsesLogback.class);
  }

  @Test
  void noAdapterMayUseAnother() {
    assertBites(
        HexagonRules.noAdapterDependsOnAnother,
        "UrlMasking",
        CallsTheNatsAdapter.class,
        UrlMasking.class);
  }

  @Test
  void packagesMayNotFormCycles() {
    assertBites(HexagonRules.noPackageCycles, "cycle", A.class, B.class);
  }

  @Test
  void nothingMayLogThroughJavaUtilLogging() {
    assertBites(
        HexagonRules.nothingLogsThroughJavaUtilLogging,
        "java.util.logging",
        UsesJavaUtilLogging.class);
  }

  @Test
  void theStartupWarmupMayNotReachALoggerEvenIndirectly() {
    assertBites(
        HexagonRules.theStartupWarmupReachesNoLogger, "org.slf4j.Logger", LoggingWarmup.class);
  }

  @Test
  void theConfigurationKitMayNotUseAnAdapter() {
    assertBites(
        HexagonRules.theConfigurationKitUsesNoAdapter, "UrlMasking", ReadsAnAdaptersSettings.class);
  }

  @Test
  void onlyBootstrapWritesToStdout() {
    assertBites(
        HexagonRules.onlyBootstrapWritesToTheStandardStreams, "System.out", PrintsToStdout.class);
  }

  @Test
  void portsAndServicesAreNamedAndShapedAsPromised() {
    assertBites(HexagonRules.inPortsAreUseCaseInterfaces, "CheckHealth", CheckHealth.class);
    assertBites(HexagonRules.useCasesAreInPorts, "StrayUseCase", StrayUseCase.class);
    assertBites(HexagonRules.outPortsArePortInterfaces, "MessagingStatus", MessagingStatus.class);
    assertBites(
        HexagonRules.servicesAreFinalAndImplementAnInPort, "OpenService", OpenService.class);
  }
}
