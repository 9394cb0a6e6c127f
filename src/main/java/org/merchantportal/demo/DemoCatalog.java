package org.merchantportal.demo;

/**
 * What the demo merchants sell and who buys it.
 */
record DemoCatalog(String referencePrefix, Product[] products, int taxRate, String[] firstNames, String[] lastNames,
		String[] emailDomains) {

	record Product(String sku, String name, long unitPrice) {
	}

	static final DemoCatalog NORDIC_SHOES = new DemoCatalog("NS-", new Product[] {
			new Product("NS-TR-42", "Trail Runner GTX", 149900),
			new Product("NS-CB-40", "Classic Leather Boot", 219500), new Product("NS-SN-38", "Canvas Sneaker", 79900),
			new Product("NS-WB-41", "Winter Boot Lined", 189000), new Product("NS-LF-39", "Suede Loafer", 129500),
			new Product("NS-SD-37", "Summer Sandal", 54900), new Product("NS-SK-01", "Merino Socks 3-pack", 24900),
			new Product("NS-CR-01", "Shoe Care Kit", 19950) }, 2500,
			new String[] { "Anna", "Erik", "Maja", "Lars", "Ingrid", "Oskar", "Elsa", "Nils", "Astrid", "Johan",
					"Sofia", "Karl", "Linnea", "Gustav", "Freja", "Björn" },
			new String[] { "Andersson", "Johansson", "Karlsson", "Nilsson", "Eriksson", "Larsson", "Olsson", "Persson",
					"Svensson", "Gustafsson", "Lindqvist", "Berg", "Holm", "Sjöberg" },
			new String[] { "example.se", "mail.example", "example.com" });

	static final DemoCatalog FJORD_OUTDOOR = new DemoCatalog("FO-", new Product[] {
			new Product("FO-JK-M", "Fjellheim Shell Jacket", 32900), new Product("FO-DN-L", "Down Parka 800", 44950),
			new Product("FO-TN-2", "Two-Person Tent", 27900), new Product("FO-BP-35", "Daypack 35 L", 11990),
			new Product("FO-SB-5", "Sleeping Bag -5°C", 18900), new Product("FO-HB-43", "Hiking Boot Mid", 17995),
			new Product("FO-BL-M", "Merino Base Layer", 7990), new Product("FO-HL-01", "Headlamp 400 lm", 4495) }, 1900,
			new String[] { "Lukas", "Hanna", "Jonas", "Lea", "Felix", "Emma", "Ole", "Ingrid", "Maximilian", "Sophie",
					"Kari", "Henrik", "Mia", "Paul" },
			new String[] { "Müller", "Schmidt", "Schneider", "Fischer", "Weber", "Hansen", "Olsen", "Berger", "Hofmann",
					"Wagner", "Dahl", "Bauer", "Lund" },
			new String[] { "example.de", "example.no", "example.org" });

}
