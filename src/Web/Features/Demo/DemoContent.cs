namespace Bob.Web.Features.Demo;

/// <summary>The sample business <c>deploy/run.sh --demo</c> sets up: a small outdoor clothing shop, its assistant's
/// persona and the dozen articles it answers from. Plain data; <see cref="DemoSeeder"/> sends it through Bob's API.</summary>
public static class DemoContent
{
    public const string BusinessName = "Fernwood Outfitters";

    public const string PersonaName = "Mia";

    public static readonly object Persona = new
    {
        name = PersonaName,
        description = "Fernwood Outfitters' shop assistant: orders, shipping, returns, sizes and the shop itself.",
        tone = "friendly",
        systemPrompt = "You are Mia, the assistant of Fernwood Outfitters, a small outdoor clothing shop in Portland. " +
            "Answer only from the shop's articles, briefly and warmly. When an article does not cover a question, say so and offer a person from the team.",
    };

    public static readonly IReadOnlyList<(string Title, string Content, string[] Tags)> Articles =
    [
        ("Shipping times and costs",
            "How long does shipping take? Within the United States, standard shipping ($6.95) takes 3 to 5 business days and express shipping ($14.95) 1 to 2 business days. " +
            "Orders over $75 ship free with standard shipping. Orders placed before 2 pm Pacific leave our warehouse the same day.",
            ["shipping", "delivery"]),
        ("International shipping",
            "We ship to Canada, the United Kingdom, the European Union and Australia. International delivery takes 7 to 14 business days and costs $19.95. " +
            "Import duties and taxes are charged by the destination country and paid on delivery.",
            ["shipping", "international"]),
        ("Tracking your order",
            "As soon as your order ships you get an email with a tracking number and a link to follow your parcel. " +
            "You can also find the tracking number under Orders in your account. Tracking can take up to 24 hours to show the first scan.",
            ["orders", "tracking"]),
        ("Returns and refunds",
            "You can return unworn items with their tags within 30 days of delivery. Start a return from Orders in your account and print the free return label. " +
            "Refunds go back to the original payment method within 5 business days of the return reaching us. Sale items can be returned for store credit only.",
            ["returns", "refunds"]),
        ("Exchanges",
            "To exchange an item for another size or colour, start a return and choose exchange. We ship the new item as soon as the return label is scanned, " +
            "so you are not left waiting. Exchanges ship free.",
            ["returns", "exchanges", "sizes"]),
        ("Size guide",
            "Our jackets and shirts run true to size; if you are between two sizes, choose the larger one for layering. Trousers come in waist sizes 28 to 40, in regular and tall leg lengths. " +
            "Every product page has a measurement table in inches and centimetres.",
            ["sizes", "fit"]),
        ("Opening hours of the Portland shop",
            "Our shop at 412 Alder Street, Portland, is open Monday to Friday 10 am to 7 pm, Saturday 10 am to 6 pm and Sunday 11 am to 5 pm. " +
            "It is closed on Thanksgiving, Christmas Day and New Year's Day.",
            ["shop", "opening hours"]),
        ("Payment methods",
            "We accept Visa, Mastercard, American Express, Discover, PayPal, Apple Pay and Google Pay. Your card is charged when the order ships. " +
            "Gift cards can be combined with any payment method.",
            ["payment"]),
        ("Warranty",
            "Every Fernwood jacket, backpack and pair of boots has a two-year warranty against defects in materials and workmanship. " +
            "Send us a photo of the problem and your order number and we repair or replace the item free of charge. Normal wear and accidents are not covered.",
            ["warranty", "repairs"]),
        ("Caring for waterproof jackets",
            "Wash waterproof jackets at 30 °C with a technical wash, no fabric softener, then tumble dry on low for 20 minutes to renew the water-repellent finish. " +
            "Never dry-clean them.",
            ["care", "jackets"]),
        ("Gift cards",
            "Gift cards come in amounts from $25 to $500, are delivered by email within minutes and never expire. " +
            "They can be used online and in the Portland shop.",
            ["gift cards", "payment"]),
        ("Changing or cancelling an order",
            "You can change the address or cancel an order within one hour of placing it, from Orders in your account. " +
            "After that it is being packed; contact us and we will do our best, or return it for free once it arrives.",
            ["orders"]),
    ];
}
