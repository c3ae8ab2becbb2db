package org.supportrag.eval.drift;

import java.util.List;
import java.util.Random;

/** Customer questions from phrasings x topics, seeded, for drift tests: help-center topics and unrelated ones. */
final class SyntheticQuestions {

    static final List<String> PHRASINGS = List.of("How do I %s?", "Can you tell me how to %s", "What is the way to %s?",
            "I need help, I want to %s", "Is it possible to %s?", "Where can I %s", "Please explain how to %s",
            "Hi, how can I %s today?");

    static final List<String> HELP_CENTER = List.of("track my parcel", "change the delivery address of my order",
            "get a refund for a damaged item", "return shoes that do not fit", "reset my account password",
            "download last month's invoice", "update the credit card on my account", "cancel an order I just placed",
            "change the email address of my account", "find out when my package arrives",
            "pay with PayPal at checkout", "use a discount code", "exchange an item for a different size",
            "contact the courier about a late delivery", "delete my customer account", "add a second delivery address");

    static final List<String> UNRELATED = List.of("refinance my mortgage with a lower interest rate",
            "file a car insurance claim after an accident", "apply for a tourist visa to Japan",
            "set up a cryptocurrency hardware wallet", "train my puppy to stop barking at night",
            "grow tomatoes on a balcony in winter", "calculate capital gains tax on sold shares",
            "replace the battery of an electric bike", "book a table for a wedding dinner",
            "learn Spanish grammar quickly", "fix a leaking kitchen faucet", "choose running shoes for a marathon");

    private final Random random;

    SyntheticQuestions(long seed) {
        this.random = new Random(seed);
    }

    String from(List<String> topics) {
        String phrasing = PHRASINGS.get(random.nextInt(PHRASINGS.size()));
        return phrasing.formatted(topics.get(random.nextInt(topics.size())));
    }

    double between(double low, double high) {
        return low + random.nextDouble() * (high - low);
    }

    boolean chance(double probability) {
        return random.nextDouble() < probability;
    }
}
