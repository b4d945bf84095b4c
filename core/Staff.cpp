#include "core/Staff.h"

namespace counterpart {

QString roleId(Role role)
{
    switch (role) {
    case Role::Cashier:
        return QStringLiteral("cashier");
    case Role::Manager:
        return QStringLiteral("manager");
    case Role::System:
        return QStringLiteral("system");
    }
    return QStringLiteral("cashier");
}

} // namespace counterpart
