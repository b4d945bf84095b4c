// libFuzzer target: every sync wire parser must refuse hostile input with a message and never crash, and
// what it accepts must survive a round trip through its writer.
#include "sync/protocol/Wire.h"

#include <cstdint>
#include <cstdlib>

using namespace counterpart::sync;

namespace {

template<typename T>
void mustHaveMessage(const counterpart::Result<T> &r)
{
    if (!r && r.error().message.isEmpty())
        std::abort();
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray json(reinterpret_cast<const char *>(data), qsizetype(size));

    auto push = PushRequest::fromJson(json);
    mustHaveMessage(push);
    if (push) {
        for (const PushOp &op : std::as_const(push->ops)) {
            if (!isUuidText(op.opId))
                std::abort();
            auto parsed = parseOp(op.raw);
            mustHaveMessage(parsed);
            if (parsed && (op.envelopeError || parsed->opId != op.opId.toLower()))
                std::abort();
        }
        auto again = PushRequest::fromJson(push->toJson());
        if (!again || again->ops.size() != push->ops.size())
            std::abort();
    }

    auto response = PushResponse::fromJson(json);
    mustHaveMessage(response);
    if (response) {
        auto again = PushResponse::fromJson(response->toJson());
        if (!again || again->toJson() != response->toJson())
            std::abort();
    }

    auto page = ChangesPage::fromJson(json);
    mustHaveMessage(page);
    if (page) {
        for (const Change &c : std::as_const(page->changes)) {
            switch (c.type) {
            case ChangeType::Member:
                mustHaveMessage(MemberChange::fromJsonObject(c.payload, {}));
                break;
            case ChangeType::Entry:
                mustHaveMessage(EntryChange::fromJsonObject(c.payload, {}));
                break;
            case ChangeType::Purchase:
                mustHaveMessage(PurchaseChange::fromJsonObject(c.payload, {}));
                break;
            case ChangeType::Merge:
                mustHaveMessage(MergeChange::fromJsonObject(c.payload, {}));
                break;
            case ChangeType::Rules:
                mustHaveMessage(RulesChange::fromJsonObject(c.payload, {}));
                break;
            case ChangeType::Flag:
                mustHaveMessage(FlagChange::fromJsonObject(c.payload, {}));
                break;
            }
        }
        auto again = ChangesPage::fromJson(page->toJson());
        if (!again || again->toJson() != page->toJson())
            std::abort();
    }

    auto snapshot = SnapshotPage::fromJson(json);
    mustHaveMessage(snapshot);
    if (snapshot) {
        auto again = SnapshotPage::fromJson(snapshot->toJson());
        if (!again)
            std::abort();
    }

    mustHaveMessage(EnrolRequest::fromJson(json));
    auto enrol = EnrolResponse::fromJson(json);
    mustHaveMessage(enrol);
    if (enrol) {
        auto again = EnrolResponse::fromJson(enrol->toJson());
        if (!again || again->secret != enrol->secret)
            std::abort();
    }
    mustHaveMessage(ErrorBody::fromJson(json));
    return 0;
}
