package dev.marketdata.bootstrap;

import static com.tngtech.archunit.base.DescribedPredicate.describe;
import static com.tngtech.archunit.core.domain.JavaAccess.Predicates.target;
import static com.tngtech.archunit.core.domain.properties.HasName.Predicates.name;
import static com.tngtech.archunit.core.domain.properties.HasOwner.Predicates.With.owner;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaAccess;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.library.GeneralCodingRules;

/**
 * The hexagon's rules, written once: {@link ArchitectureTest} checks them on the production
 * classes, {@code RulesBiteTest} proves each one catches a breach planted in a test fixture.
 *
 * <p>Each rule guards what only ArchUnit can: the Maven graph already stops the core from compiling
 * against adapters or libraries, and the enforcer keeps that graph as it is.
 */
final class HexagonRules {

  static final String DOMAIN = "dev.marketdata.domain..";
  static final String APPLICATION = "dev.marketdata.application..";
  static final String ADAPTERS = "dev.marketdata.adapters..";
  static final String BOOTSTRAP = "dev.marketdata.bootstrap..";
  static final String CONFIG = "dev.marketdata.adapters.config..";

  /** What the core may use of the JDK: values, collections, time arithmetic. No I/O. */
  private static final String[] CORE_MAY_USE = {
    "java.lang",
    "java.lang.invoke",
    "java.lang.runtime",
    "java.util",
    "java.util.function",
    "java.util.regex",
    "java.util.stream",
    "java.util.concurrent.atomic",
    "java.time",
    "java.math",
    DOMAIN,
    APPLICATION
  };

  /** The JDK's side doors to the clock, the environment, threads and processes. */
  private static final DescribedPredicate<JavaClass> SIDE_DOORS =
      describe(
          "the clock, the environment, system properties, threads or processes",
          type ->
              type.isEquivalentTo(System.class)
                  || type.isEquivalentTo(Runtime.class)
                  || type.isEquivalentTo(Thread.class)
                  || type.isEquivalentTo(ThreadGroup.class)
                  || type.isEquivalentTo(ProcessBuilder.class)
                  || type.isEquivalentTo(Process.class)
                  || type.isEquivalentTo(ProcessHandle.class)
                  || type.isEquivalentTo(java.time.Clock.class)
                  || type.isEquivalentTo(java.time.InstantSource.class));

  /** {@code Instant.now()}, {@code LocalDate.now()}, …: by call or by method reference. */
  private static final DescribedPredicate<JavaAccess<?>> READS_THE_CLOCK =
      target(name("now"))
          .and(target(owner(JavaClass.Predicates.resideInAPackage("java.time.."))))
          .as("a java.time now()");

  private HexagonRules() {}

  static final ArchRule theCoreUsesOnlyItselfAndNonIoJdkPackages =
      classes()
          .that()
          .resideInAnyPackage(DOMAIN, APPLICATION)
          .should()
          .onlyDependOnClassesThat()
          .resideInAnyPackage(CORE_MAY_USE)
          .because("the core is pure: no I/O, no frameworks, no adapter technology");

  static final ArchRule theCoreReachesNoClockEnvironmentThreadOrProcess =
      noClasses()
          .that()
          .resideInAnyPackage(DOMAIN, APPLICATION)
          .should()
          .dependOnClassesThat(SIDE_DOORS)
          .orShould()
          .accessTargetWhere(READS_THE_CLOCK)
          .because("time, environment and concurrency are passed into the core as data and ports");

  static final ArchRule onlyTheConfigurationReadsTheEnvironment =
      noClasses()
          .that()
          .resideOutsideOfPackage(CONFIG)
          .should()
          .accessTargetWhere(
              target(name("getenv"))
                  .and(target(owner(JavaClass.Predicates.equivalentTo(System.class))))
                  .as("System.getenv"))
          .because("settings are read in one place, every problem reported at once");

  /**
   * The rings, as ArchUnit's layered architecture: services and adapters talk through ports only,
   * and only the composition root sees services and adapters.
   */
  static final ArchRule theRingsDependInwardThroughPorts =
      layeredArchitecture()
          .consideringOnlyDependenciesInAnyPackage("dev.marketdata..")
          .layer("Domain")
          .definedBy(DOMAIN)
          .layer("InPorts")
          .definedBy("dev.marketdata.application.port.in..")
          .layer("OutPorts")
          .definedBy("dev.marketdata.application.port.out..")
          .layer("Services")
          .definedBy("dev.marketdata.application.service..")
          .layer("Adapters")
          .definedBy(ADAPTERS)
          .layer("Bootstrap")
          .definedBy(BOOTSTRAP)
          .withOptionalLayers(true)
          .whereLayer("Bootstrap")
          .mayNotBeAccessedByAnyLayer()
          .whereLayer("Adapters")
          .mayOnlyBeAccessedByLayers("Bootstrap")
          .whereLayer("Services")
          .mayOnlyBeAccessedByLayers("Bootstrap")
          .whereLayer("InPorts")
          .mayOnlyBeAccessedByLayers("Services", "Adapters", "Bootstrap")
          .whereLayer("OutPorts")
          .mayOnlyBeAccessedByLayers("Services", "Adapters", "Bootstrap");

  static final ArchRule adaptersUseOnlyTheCoreAndTheirTechnologies =
      classes()
          .that()
          .resideInAPackage(ADAPTERS)
          .should()
          .onlyDependOnClassesThat()
          .resideInAnyPackage(
              "java..",
              DOMAIN,
              APPLICATION,
              ADAPTERS,
              "io.nats.client..",
              // TLS to NATS: the JDK's TLS API, ayza's reloadable managers and PEM reader, and the
              // BouncyCastle algorithms that reader needs (NatsTls.PemAlgorithms).
              "javax.net.ssl..",
              "nl.altindag.ssl..",
              "org.bouncycastle..",
              "com.fasterxml.jackson..",
              "org.apache.commons.text.similarity..",
              "com.sun.net.httpserver..",
              "io.prometheus.metrics..",
              "org.slf4j..")
          .because("each adapter brings its own technology, and logging goes through SLF4J only");

  static final ArchRule noAdapterDependsOnAnother =
      slices().matching("dev.marketdata.adapters.(*).(*)..").should().notDependOnEachOther();

  static final ArchRule noPackageCycles =
      slices().matching("dev.marketdata.(**)").should().beFreeOfCycles();

  static final ArchRule nothingLogsThroughJavaUtilLogging =
      noClasses()
          .should()
          .dependOnClassesThat()
          .resideInAPackage("java.util.logging..")
          .because("its plain-text lines would break the one-JSON-object-per-line stdout");

  /**
   * A class the warm-up initialises that asks SLF4J for a logger while it starts gets a stand-in.
   */
  static final ArchRule theStartupWarmupReachesNoLogger =
      noClasses()
          .that()
          .resideInAPackage("..startup..")
          .should()
          .transitivelyDependOnClassesThat()
          .resideInAPackage("org.slf4j..")
          .because(
              "bootstrap.startup.Warmup runs while logging starts, when SLF4J hands out stand-ins");

  static final ArchRule theConfigurationKitUsesNoAdapter =
      noClasses()
          .that()
          .resideInAPackage(CONFIG)
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage("dev.marketdata.adapters.in..", "dev.marketdata.adapters.out..")
          .because("every adapter reads its own settings with it, so it may know none of them");

  static final ArchRule onlyBootstrapWritesToTheStandardStreams =
      noClasses()
          .that()
          .resideOutsideOfPackage(BOOTSTRAP)
          .should(GeneralCodingRules.ACCESS_STANDARD_STREAMS)
          .because("stdout carries the logs, one event per line, and nothing else");

  static final ArchRule inPortsAreUseCaseInterfaces =
      classes()
          .that()
          .resideInAPackage("..application.port.in..")
          .and()
          .areInterfaces()
          .should()
          .haveSimpleNameEndingWith("UseCase");

  static final ArchRule useCasesAreInPorts =
      classes()
          .that()
          .haveSimpleNameEndingWith("UseCase")
          .should()
          .beInterfaces()
          .andShould()
          .resideInAPackage("..application.port.in..");

  static final ArchRule outPortsArePortInterfaces =
      classes()
          .that()
          .resideInAPackage("..application.port.out..")
          .should()
          .beInterfaces()
          .andShould()
          .haveSimpleNameEndingWith("Port");

  static final ArchRule servicesAreFinalAndImplementAnInPort =
      classes()
          .that()
          .resideInAPackage("..application.service..")
          .and()
          .haveSimpleNameEndingWith("Service")
          .should()
          .beAssignableTo(
              describe(
                  "a *UseCase interface",
                  (JavaClass type) ->
                      type.isInterface() && type.getSimpleName().endsWith("UseCase")))
          .andShould()
          .haveModifier(JavaModifier.FINAL);
}
