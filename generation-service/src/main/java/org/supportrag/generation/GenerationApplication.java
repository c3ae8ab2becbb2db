package org.supportrag.generation;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class GenerationApplication {

    public static void main(String[] args) {
        SpringApplication.run(GenerationApplication.class, args);
    }
}
