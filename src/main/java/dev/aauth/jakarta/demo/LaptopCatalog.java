package dev.aauth.jakarta.demo;

import java.util.List;

/** The canned laptop data both demo APIs share. */
final class LaptopCatalog {

    /** One stock line at one warehouse. */
    record StockItem(
            String sku,
            String model,
            String warehouse,
            int onHand,
            int reserved,
            int reorderPoint,
            int leadTimeDays,
            double unitCostUsd) {

        int available() {
            return onHand - reserved;
        }
    }

    static final List<StockItem> STOCK =
            List.of(
                    new StockItem(
                            "LAP-X1C-14",
                            "ThinkPad X1 Carbon Gen 12 14\"",
                            "Reno, NV",
                            420,
                            180,
                            300,
                            21,
                            1389.00),
                    new StockItem(
                            "LAP-XPS-13",
                            "Dell XPS 13 9350",
                            "Memphis, TN",
                            145,
                            60,
                            200,
                            18,
                            1049.00),
                    new StockItem(
                            "LAP-MBA-15",
                            "MacBook Air 15\" M3",
                            "Reno, NV",
                            610,
                            240,
                            350,
                            28,
                            1129.00),
                    new StockItem(
                            "LAP-ZBK-16",
                            "HP ZBook Power G11 16\"",
                            "Rotterdam, NL",
                            88,
                            70,
                            120,
                            35,
                            1612.00),
                    new StockItem(
                            "LAP-LAT-14",
                            "Dell Latitude 7450",
                            "Memphis, TN",
                            1030,
                            410,
                            600,
                            14,
                            979.00));

    private LaptopCatalog() {}

    static StockItem bySku(String sku) {
        return STOCK.stream().filter(s -> s.sku().equals(sku)).findFirst().orElse(null);
    }
}
