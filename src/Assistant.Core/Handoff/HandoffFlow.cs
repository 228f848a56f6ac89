using Assistant.Dialogue;
using Assistant.Knowledge;

namespace Assistant.Handoff;

/// <summary>
/// Collects the order number, seller ID and product name for a handoff: takes whatever the seller
/// already wrote, asks only for what is missing (re-asking once with an example on invalid input),
/// lets the seller say a detail is unknown, correct any field from the summary, or cancel at any
/// point, then stores the ticket before telling the seller its number.
/// </summary>
public sealed class HandoffFlow(KnowledgeBase knowledge, ITicketStore tickets, ITicketEvents events, BusinessCalendar calendar, string supportPhone)
{
    private ReplyTexts Replies => knowledge.Replies;
    private HandoffScript Script => knowledge.Handoff;

    /// <summary>Opens the form, pre-filled from the trigger and earlier seller messages.</summary>
    public async Task<TurnResult> StartAsync(DialogueState state, string trigger, bool triggerDescribesProblem, string category, ConversationAddress conversation, CancellationToken cancellationToken)
    {
        var form = new HandoffForm { Category = category };
        if (triggerDescribesProblem) form.Description = trigger;
        else if (state.LastQuestion is { } earlier)
        {
            form.Description = earlier;
            form.Category = state.LastCategory ?? category;
        }
        var sellerTexts = state.Transcript.Where(t => t.Role == MessageRole.Seller).Select(t => t.Text).Append(trigger).Reverse().ToArray();
        form.OrderNumber = sellerTexts.Select(DetailExtractor.FindOrderNumber).FirstOrDefault(v => v is not null);
        form.SellerId = sellerTexts.Select(DetailExtractor.FindSellerId).FirstOrDefault(v => v is not null);
        form.ProductName = sellerTexts.Select(DetailExtractor.FindProductName).FirstOrDefault(v => v is not null);
        state.Form = form;

        var next = await NextAsync(state, conversation, cancellationToken);
        return next with { Replies = [Say(Replies["handoffStart"], "start"), .. next.Replies] };
    }

    public async Task<TurnResult> ContinueAsync(DialogueState state, string text, ConversationAddress conversation, CancellationToken cancellationToken)
    {
        var form = state.Form!;
        if (Script.IsCancel(text) || text.Trim() == Replies["summaryCancel"])
        {
            state.Form = null;
            return Result(Say(Replies["handoffCancelled"], "cancelled"));
        }

        switch (form.Asking)
        {
            case HandoffForm.AskDescription:
                form.Description = text.Trim();
                break;
            case HandoffForm.AskOrder:
                if (Script.IsUnknown(text)) form.OrderNumberUnknown = true;
                else if (DetailExtractor.ParseOrderNumber(text) is { } order) form.OrderNumber = order;
                else if (Retry(form)) return Result(Say(Replies["askOrderNumberRetry"], "ask-order-retry"));
                else form.OrderNumberUnknown = true;
                break;
            case HandoffForm.AskSeller:
                if (DetailExtractor.ParseSellerId(text) is { } seller) form.SellerId = seller;
                else if (Retry(form)) return Result(Say(Replies["askSellerIdRetry"], "ask-seller-retry"));
                else (form.SellerId, form.SellerIdUnverified) = (Truncate(text.Trim(), 40), true);
                break;
            case HandoffForm.AskProduct:
                if (Script.IsUnknown(text) || text.Trim() == Replies["noneValue"]) form.ProductUnknown = true;
                else form.ProductName = DetailExtractor.ParseProductName(text) ?? Truncate(text.Trim(), 100);
                break;
            case HandoffForm.AskConfirm:
            case HandoffForm.AskCorrection:
                if (form.Asking == HandoffForm.AskConfirm && Script.IsConfirm(text))
                    return await CreateTicketAsync(state, conversation, cancellationToken);
                if (Correction(form, text) is { } asked) return Result(asked);
                break;
        }
        form.Retries = 0;
        return await NextAsync(state, conversation, cancellationToken);
    }

    /// <summary>Applies a correction from the summary: a field named ("주문번호 수정") or a new value written directly.</summary>
    private AssistantReply? Correction(HandoffForm form, string text)
    {
        var t = text.Replace(" ", "", StringComparison.Ordinal);
        if (t.Contains("주문번호", StringComparison.Ordinal) && DetailExtractor.FindOrderNumber(text) is null) return Ask(form, HandoffForm.AskOrder);
        if ((t.Contains("판매자", StringComparison.Ordinal) || t.Contains("아이디", StringComparison.Ordinal) || t.Contains("ID", StringComparison.OrdinalIgnoreCase)) && DetailExtractor.FindSellerId(text) is null)
            return Ask(form, HandoffForm.AskSeller);
        if (t.Contains("상품", StringComparison.Ordinal) && DetailExtractor.FindProductName(text) is null) return Ask(form, HandoffForm.AskProduct);

        var changed = false;
        if (DetailExtractor.FindOrderNumber(text) is { } order) (form.OrderNumber, form.OrderNumberUnknown, changed) = (order, false, true);
        var seller = DetailExtractor.FindSellerId(text) ?? (DetailExtractor.IsValidSellerId(text.Trim()) ? text.Trim() : null);
        if (seller is not null) (form.SellerId, form.SellerIdUnverified, changed) = (seller, false, true);
        if (DetailExtractor.FindProductName(text) is { } product) (form.ProductName, form.ProductUnknown, changed) = (product, false, true);
        if (changed) return null;

        form.Asking = HandoffForm.AskCorrection;
        return Say(Replies["askCorrection"], "ask-correction", [Replies["summaryEditOrder"], Replies["summaryEditSeller"], Replies["summaryEditProduct"], Replies["summaryConfirm"]]);
    }

    private Task<TurnResult> NextAsync(DialogueState state, ConversationAddress conversation, CancellationToken cancellationToken)
    {
        var form = state.Form!;
        if (form.Description is null) return Task.FromResult(Result(Ask(form, HandoffForm.AskDescription)));
        if (!form.HasOrder) return Task.FromResult(Result(Ask(form, HandoffForm.AskOrder)));
        if (!form.HasSeller) return Task.FromResult(Result(Ask(form, HandoffForm.AskSeller)));
        if (!form.HasProduct) return Task.FromResult(Result(Ask(form, HandoffForm.AskProduct)));

        form.Asking = HandoffForm.AskConfirm;
        var summary = Replies.Format("summary",
            ("orderNumber", form.OrderNumberUnknown ? Replies["unknownValue"] : DetailExtractor.FormatOrderNumber(form.OrderNumber!)),
            ("sellerId", form.SellerId!),
            ("product", form.ProductUnknown ? Replies["noneValue"] : form.ProductName!),
            ("description", Truncate(form.Description, 200)),
            ("confirm", Replies["summaryConfirm"]));
        return Task.FromResult(Result(Say(summary, "confirm",
            [Replies["summaryConfirm"], Replies["summaryEditOrder"], Replies["summaryEditSeller"], Replies["summaryEditProduct"], Replies["summaryCancel"]])));
    }

    private async Task<TurnResult> CreateTicketAsync(DialogueState state, ConversationAddress conversation, CancellationToken cancellationToken)
    {
        var form = state.Form!;
        var urgency = Script.UrgencyReason(string.Join('\n', state.Transcript.Where(t => t.Role == MessageRole.Seller).Select(t => t.Text).Append(form.Description ?? "")));
        var details = new TicketDetails(
            form.SellerId, form.SellerIdUnverified, form.OrderNumber, form.OrderNumberUnknown,
            form.ProductUnknown ? null : form.ProductName, form.Category, form.Description ?? "",
            urgency is null ? "normal" : "urgent", urgency);
        var draft = new TicketDraft(conversation, details, state.Transcript.ToArray(), state.FaqShown.ToArray(),
            RequestKey: $"{conversation.Channel}:{conversation.ConversationId}:{form.Id}");

        TicketCreation creation;
        try
        {
            creation = await tickets.CreateAsync(draft, cancellationToken);
        }
        catch (Exception) when (!cancellationToken.IsCancellationRequested)
        {
            // Not stored means not promised: the seller keeps the form and can try again.
            return Result(Say(Replies.Format("handoffFailed", ("phone", supportPhone)), "handoff-failed", [Replies["summaryConfirm"]]));
        }
        var ticket = creation.Ticket;
        // A replayed confirmation finds the ticket it made before: the same number, and no second announcement.
        if (creation.IsNew) await events.PublishAsync(new TicketEvent(TicketEvent.Created, ticket), cancellationToken);

        state.Form = null;
        state.Misses = 0;
        // The ticket's creation time, so the agent console recomputes the very same promise.
        var wait = ResponsePromise.For(Replies, calendar, ticket.CreatedAt).Text;
        var text = Replies.Format("ticketCreated", ("number", ticket.Number), ("wait", wait));
        if (urgency is not null) text += "\n" + Replies["urgentNote"];
        return new TurnResult([Say(text, "ticket-created") with { Info = new AssistantInfo("handoff", null, null, "ticket-created", 1) { Ticket = ticket.Number } }], creation.IsNew ? ticket : null);
    }

    private AssistantReply Ask(HandoffForm form, string slot)
    {
        form.Asking = slot;
        form.Retries = 0;
        return slot switch
        {
            HandoffForm.AskDescription => Say(Replies["askDescription"], "ask-description"),
            HandoffForm.AskOrder => Say(Replies["askOrderNumber"], "ask-order", [Replies["unknownValue"]]),
            HandoffForm.AskSeller => Say(Replies["askSellerId"], "ask-seller"),
            _ => Say(Replies["askProduct"], "ask-product", [Replies["noneValue"]]),
        };
    }

    private static bool Retry(HandoffForm form) => form.Retries++ == 0;

    private AssistantReply Say(string text, string step, IReadOnlyList<string>? suggestions = null)
    {
        var actions = suggestions?.ToList() ?? [];
        // Every question offers "취소"; the opening line and the endings do not need it.
        if (step is not ("start" or "cancelled" or "ticket-created" or "handoff-failed") && !actions.Contains(Replies["summaryCancel"])) actions.Add(Replies["summaryCancel"]);
        return new AssistantReply(text, actions, new AssistantInfo("handoff", null, null, "handoff." + step, 1));
    }

    private static TurnResult Result(AssistantReply reply) => new([reply]);

    private static string Truncate(string text, int max) => text.Length <= max ? text : text[..max] + "…";
}
