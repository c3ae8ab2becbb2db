package org.supportrag.eval.drift;

import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/** Runs the drift computation (and the other evaluation jobs) on their schedules. */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class DriftConfiguration {
}
