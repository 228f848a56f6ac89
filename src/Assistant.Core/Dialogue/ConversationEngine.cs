using Assistant.Knowledge;
using Assistant.Text;
using Assistant.Understanding;

namespace Assistant.Dialogue;

/// <summary>
/// The channel-neutral conversation: turns a seller's message into replies, keeping count of
/// unhelpful turns so that two misses in a row (or an explicit request) lead to a person.
/// </summary>
public sealed class ConversationEngine(Decider decider, ContactOptions contact, DialogueOptions options)
{
    private static readonly HashSet<string> Affirmatives = new(StringComparer.Ordinal)
    {
        "네", "예", "응", "웅", "넵", "넹", "네네", "좋아요", "좋아", "그래요", "그래", "부탁해요", "부탁드려요", "부탁드립니다",
        "연결해주세요", "연결해줘", "네연결해주세요", "yes", "ok", "okay", "sure", "yesplease",
    };

    private KnowledgeBase Knowledge => decider.Knowledge;
    private ReplyTexts Replies => Knowledge.Replies;

    public AssistantReply Welcome()
    {
        var topics = Replies.WelcomeTopics.Select(id => Knowledge.FindFaq(id)!.Title).Append(Replies.HandoffAction).ToArray();
        return new AssistantReply(Replies.Welcome, topics, new AssistantInfo("welcome", null, Replies.WelcomeTopics, "welcome", 1));
    }

    public async Task<AssistantReply> RespondAsync(string? message, DialogueState state, CancellationToken cancellationToken = default)
    {
        var text = message?.Trim() ?? "";
        if (text.Length == 0) return Fixed(Replies.NonText, "non-text", state);
        if (text.Length > options.MaxMessageLength) return Fixed(Replies.TooLong(options.MaxMessageLength), "too-long", state);
        if (TextNormalizer.CountLetters(text) == 0) return Fixed(Replies.DeclineNoise, "noise", state);

        var compact = TextNormalizer.Compact(text);
        var accepted = state.HandoffOffered && Affirmatives.Contains(compact);
        var decision = compact == TextNormalizer.Compact(Replies.HandoffAction) || accepted
            ? new Decision(DecisionKind.Handoff, accepted ? "handoff.accepted" : "handoff.request", 1f, null, [], "explicit request")
            : await decider.DecideAsync(text, cancellationToken).ConfigureAwait(false);
        return Reply(decision, text, state);
    }

    private AssistantReply Reply(Decision decision, string message, DialogueState state)
    {
        var suggestions = decision.Suggestions.Select(id => Knowledge.FindFaq(id)!.Title).ToList();
        var body = decision.Kind switch
        {
            DecisionKind.Answer => AnswerText(Knowledge.FindFaq(decision.FaqId!)!, message),
            DecisionKind.Clarify => Replies.Clarify,
            DecisionKind.Handoff => Replies.HandoffPending,
            DecisionKind.Smalltalk => Knowledge.FindIntent(decision.Intent)?.Reply ?? Replies.DeclineNoise,
            _ => decision.Intent switch
            {
                "noise" => Replies.DeclineNoise,
                "out-of-scope" => Replies.Decline,
                _ => Replies.NotUnderstood,
            },
        };

        var missed = decision.Kind is DecisionKind.Clarify or DecisionKind.Decline;
        state.Misses = missed ? state.Misses + 1 : 0;
        state.HandoffOffered = false;
        if (decision.Kind == DecisionKind.Clarify) suggestions.Add(Replies.HandoffAction);
        if (missed && state.Misses >= options.MissesBeforeOffer)
        {
            body += "\n\n" + Replies.OfferHandoff;
            if (!suggestions.Contains(Replies.HandoffAction)) suggestions.Add(Replies.HandoffAction);
            state.HandoffOffered = true;
        }
        if (decision.Kind == DecisionKind.Handoff) state.Misses = 0;

        var info = new AssistantInfo(decision.Action, decision.FaqId, decision.Kind == DecisionKind.Clarify ? decision.Suggestions : null, decision.Intent, decision.Confidence);
        return new AssistantReply(body, suggestions, info);
    }

    private string AnswerText(FaqEntry faq, string message)
    {
        var answer = contact.Fill(faq.Answer).TrimEnd();
        if (TextNormalizer.IsMostlyLatin(message)) answer = Replies.EnglishPreface + "\n\n" + answer;
        return answer + "\n\n" + Replies.AnswerFooter;
    }

    private AssistantReply Fixed(string text, string intent, DialogueState state)
    {
        state.Misses++;
        state.HandoffOffered = false;
        return new AssistantReply(text, [], new AssistantInfo("decline", null, null, intent, 1));
    }
}
