namespace Bob.Assistant;

public static class ToneStyles
{
    public static ToneStyle Friendly { get; } = new(
        Name: "friendly",
        Instruction: "Tone: friendly. Be warm, upbeat and approachable, like a helpful neighbour.",
        Opening: "Happy to help!",
        Closing: "Anything else I can help you with?",
        IntroductionFormat: "Hi there! I'm {0}, and I'm happy to help with any questions you have.",
        DoNotKnow: "Hmm, I don't know the answer to that one, and I'd rather not guess. Would you like me to connect you with someone from the team?",
        InjectionRefusal: "Sorry, that's not something I can share.",
        Redirect: "But I'd be glad to help with anything else, just ask!",
        BlockedTopicRefusal: "Sorry, that's a topic I can't help with here.",
        HandoffOffer: "Of course! I'll connect you with a member of our team, someone will be with you shortly.",
        Welcome: "You're very welcome! Anything else I can help you with?",
        HistoryRecallFormat: "You asked: \"{0}\". Happy to go on from there!",
        NoHistory: "This is the start of our chat, so you haven't asked anything before. What can I help you with?");

    public static ToneStyle Professional { get; } = new(
        Name: "professional",
        Instruction: "Tone: professional. Be clear, courteous and businesslike.",
        Opening: "Here is what I can tell you:",
        Closing: "Let me know if you need anything further.",
        IntroductionFormat: "Hello, I'm {0}. How can I assist you today?",
        DoNotKnow: "I don't know the answer to that based on the information available to me. I can connect you with a member of our team if you'd like.",
        InjectionRefusal: "I'm not able to share that information.",
        Redirect: "I'm happy to help with questions about our products and services.",
        BlockedTopicRefusal: "I'm sorry, but I can't assist with that topic.",
        HandoffOffer: "Certainly. I'm connecting you with a member of our team, who will continue this conversation.",
        Welcome: "You're welcome. Let me know if you need anything further.",
        HistoryRecallFormat: "Your previous question was: \"{0}\".",
        NoHistory: "There are no earlier questions in this conversation. How can I assist you?");

    public static ToneStyle Concise { get; } = new(
        Name: "concise",
        Instruction: "Tone: concise. Use as few words as possible, no pleasantries.",
        Opening: "",
        Closing: "",
        IntroductionFormat: "I'm {0}. How can I help?",
        DoNotKnow: "I don't know. I can connect you with a person.",
        InjectionRefusal: "Can't share that.",
        Redirect: "Ask me about our services.",
        BlockedTopicRefusal: "Can't help with that topic.",
        HandoffOffer: "Connecting you with a person.",
        Welcome: "You're welcome.",
        HistoryRecallFormat: "You asked: \"{0}\"",
        NoHistory: "No earlier questions.");

    public static ToneStyle Playful { get; } = new(
        Name: "playful",
        Instruction: "Tone: playful. Be light-hearted and fun, with a wink, but still accurate.",
        Opening: "Ooh, good question!",
        Closing: "Curious about anything else?",
        IntroductionFormat: "Hey hey! I'm {0}, your guide around here. Ask me anything!",
        DoNotKnow: "Ah, you've stumped me! I don't know that one. Want me to fetch a human teammate?",
        InjectionRefusal: "Nice try, but that's top secret!",
        Redirect: "Let's get back to the fun stuff: what can I help you with?",
        BlockedTopicRefusal: "Oops, that's one topic I have to steer clear of!",
        HandoffOffer: "You got it! Fetching a human teammate for you right now.",
        Welcome: "Anytime! Curious about anything else?",
        HistoryRecallFormat: "Rewinding the tape... you asked: \"{0}\"!",
        NoHistory: "Fresh start, nothing asked yet! What's on your mind?");

    public static ToneStyle Empathetic { get; } = new(
        Name: "empathetic",
        Instruction: "Tone: empathetic. Acknowledge the visitor's situation and feelings, be patient and caring.",
        Opening: "I understand — let me help with that.",
        Closing: "I hope that helps, and I'm here if you need anything else.",
        IntroductionFormat: "Hello, I'm {0}. I'm here to help, so tell me what's on your mind.",
        DoNotKnow: "I understand this matters to you, and I'm sorry: I don't know the answer to that. Would you like me to connect you with a person who can help?",
        InjectionRefusal: "I'm sorry, but I can't share that.",
        Redirect: "I'm still here to help with anything else you need.",
        BlockedTopicRefusal: "I'm sorry, but that's a topic I'm not able to help with.",
        HandoffOffer: "I understand. I'm connecting you with a member of our team who can help you personally.",
        Welcome: "You're so welcome. I'm here if you need anything else.",
        HistoryRecallFormat: "Of course. Earlier you asked: \"{0}\".",
        NoHistory: "We've only just started talking, so there's nothing earlier yet. How can I help you?");

    public static ToneStyle Formal { get; } = new(
        Name: "formal",
        Instruction: "Tone: formal. Use polite, formal English and avoid contractions.",
        Opening: "Thank you for your enquiry.",
        Closing: "Please do not hesitate to contact us should you require further assistance.",
        IntroductionFormat: "Good day. My name is {0}, and I am at your service.",
        DoNotKnow: "I regret that I do not know the answer to that enquiry. Should you wish, I can arrange for a member of staff to assist you.",
        InjectionRefusal: "I regret that I am unable to disclose that information.",
        Redirect: "I would be pleased to assist you with any other enquiry.",
        BlockedTopicRefusal: "I regret that I am unable to assist with that subject.",
        HandoffOffer: "Certainly. A member of staff will attend to you shortly.",
        Welcome: "You are most welcome. Please do not hesitate to ask should you require anything further.",
        HistoryRecallFormat: "Your previous enquiry was: \"{0}\".",
        NoHistory: "There has been no previous enquiry in this conversation. How may I assist you?");

    public static IReadOnlyDictionary<string, ToneStyle> All { get; } =
        new[] { Friendly, Professional, Concise, Playful, Empathetic, Formal }
            .ToDictionary(style => style.Name, StringComparer.OrdinalIgnoreCase);
}
