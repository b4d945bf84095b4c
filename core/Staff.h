#pragma once

// The people at the till and what they may do.

#include <QString>

namespace counterpart {

enum class Role { Cashier, Manager, System };
QString roleId(Role role); // "cashier", "manager", "system"

// Who is at the till. Actions are recorded against them.
struct Operator {
    QString id;
    QString name;
    Role role = Role::Cashier;
};

} // namespace counterpart
