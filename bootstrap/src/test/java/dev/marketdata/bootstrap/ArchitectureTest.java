package dev.marketdata.bootstrap;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The rules of {@link HexagonRules}, checked on every production class (this module sees them all).
 * {@link RulesBiteTest} proves that each one catches a breach.
 */
@AnalyzeClasses(
    packages = "dev.marketdata",
    importOptions = {ImportOption.DoNotIncludeTests.class, ExcludeTestJars.class})
class ArchitectureTest {

  @ArchTest
  static final ArchRule theCoreUsesOnlyItselfAndNonIoJdkPackages =
      HexagonRules.theCoreUsesOnlyItselfAndNonIoJdkPackages;

  @ArchTest
  static final ArchRule theCoreReachesNoClockEnvironmentThreadOrProcess =
      HexagonRules.theCoreReachesNoClockEnvironmentThreadOrProcess;

  @ArchTest
  static final ArchRule onlyTheConfigurationReadsTheEnvironment =
      HexagonRules.onlyTheConfigurationReadsTheEnvironment;

  @ArchTest
  static final ArchRule theRingsDependInwardThroughPorts =
      HexagonRules.theRingsDependInwardThroughPorts;

  @ArchTest
  static final ArchRule adaptersUseOnlyTheCoreAndTheirTechnologies =
      HexagonRules.adaptersUseOnlyTheCoreAndTheirTechnologies;

  @ArchTest
  static final ArchRule noAdapterDependsOnAnother = HexagonRules.noAdapterDependsOnAnother;

  @ArchTest static final ArchRule noPackageCycles = HexagonRules.noPackageCycles;

  @ArchTest
  static final ArchRule nothingLogsThroughJavaUtilLogging =
      HexagonRules.nothingLogsThroughJavaUtilLogging;

  @ArchTest
  static final ArchRule theStartupWarmupReachesNoLogger =
      HexagonRules.theStartupWarmupReachesNoLogger;

  @ArchTest
  static final ArchRule theConfigurationKitUsesNoAdapter =
      HexagonRules.theConfigurationKitUsesNoAdapter;

  @ArchTest
  static final ArchRule onlyBootstrapWritesToTheStandardStreams =
      HexagonRules.onlyBootstrapWritesToTheStandardStreams;

  @ArchTest
  static final ArchRule inPortsAreUseCaseInterfaces = HexagonRules.inPortsAreUseCaseInterfaces;

  @ArchTest static final ArchRule useCasesAreInPorts = HexagonRules.useCasesAreInPorts;

  @ArchTest
  static final ArchRule outPortsArePortInterfaces = HexagonRules.outPortsArePortInterfaces;

  @ArchTest
  static final ArchRule servicesAreFinalAndImplementAnInPort =
      HexagonRules.servicesAreFinalAndImplementAnInPort;
}
