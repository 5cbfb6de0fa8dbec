#include "ui/dialogs/AboutDialog.h"

#include "core/store/TokenStore.h"

#include <QDialogButtonBox>
#include <QDir>
#include <QLabel>
#include <QVBoxLayout>
#include <QtGlobal>

namespace hftm {

AboutDialog::AboutDialog(const TokenStore *store, QWidget *parent)
    : QDialog(parent)
{
    setWindowTitle(tr("About HF Token Manager"));
    const TokenStore::Options &options = store->options();
    const QStringList lines = {
        tr("HF Token Manager %1").arg(QStringLiteral(HFTM_VERSION)),
        tr("Manages Hugging Face access tokens alongside huggingface_hub."),
        QString(),
        // Built and running Qt differ when the system's Qt was updated under the app.
        tr("Qt %1 (built with Qt %2)").arg(QString::fromLatin1(qVersion()), QStringLiteral(QT_VERSION_STR)),
        tr("Token folder (HF_HOME): %1").arg(QDir::toNativeSeparators(options.paths.hfHome)),
        tr("Settings folder: %1").arg(QDir::toNativeSeparators(options.configDir)),
    };
    m_text = new QLabel(lines.join(QLatin1Char('\n')), this);
    m_text->setObjectName(QStringLiteral("aboutText"));
    m_text->setTextFormat(Qt::PlainText); // folder names are shown as they are, never as markup
    m_text->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    m_text->setFocusPolicy(Qt::StrongFocus); // a screen reader reaches the text by Tab
    m_text->setAccessibleName(tr("About HF Token Manager"));
    m_text->setAccessibleDescription(m_text->text());

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_text);
    layout->addWidget(buttons);
    layout->setSizeConstraint(QLayout::SetFixedSize); // sized to its text, never clipped
}

QString AboutDialog::text() const
{
    return m_text->text();
}

} // namespace hftm
