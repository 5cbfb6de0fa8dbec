#include "ui/access/AccessDetailsPane.h"

#include "ui/access/AccessColors.h"
#include "ui/common/RelativeTime.h"

#include <QEvent>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

namespace hftm {

namespace {
QLabel *wrapping(QWidget *parent, const QString &accessibleName)
{
    auto *label = new QLabel(parent);
    label->setWordWrap(true);
    label->setTextFormat(Qt::PlainText);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    label->setAccessibleName(accessibleName);
    return label;
}
} // namespace

AccessDetailsPane::AccessDetailsPane(QWidget *parent)
    : QWidget(parent)
    , m_title(wrapping(this, tr("Selected cell")))
    , m_state(new QLabel(this))
    , m_explanation(wrapping(this, tr("Explanation")))
    , m_hub(wrapping(this, tr("The Hub's answer")))
    , m_checked(wrapping(this, tr("Checked")))
    , m_scopeHeading(new QLabel(tr("What the token's scopes say"), this))
    , m_scopes(wrapping(this, tr("Scope coverage")))
    , m_requestAccess(new QPushButton(tr("Request access…"), this))
    , m_openRepo(new QPushButton(tr("Open repo page"), this))
{
    setAccessibleName(tr("Cell details"));
    QFont bold = font();
    bold.setBold(true);
    m_title->setFont(bold);
    m_scopeHeading->setFont(bold);
    m_state->setAccessibleName(tr("Access state"));
    m_requestAccess->setAccessibleName(tr("Request access on the repo page"));
    m_requestAccess->setToolTip(tr("Opens the repo page, where the account can ask the authors for access."));
    m_openRepo->setAccessibleName(tr("Open the repo page in a browser"));

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_title);
    layout->addWidget(m_state, 0, Qt::AlignLeft);
    layout->addWidget(m_explanation);
    layout->addWidget(m_hub);
    layout->addWidget(m_checked);
    layout->addSpacing(8);
    layout->addWidget(m_scopeHeading);
    layout->addWidget(m_scopes);
    layout->addSpacing(8);
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_requestAccess);
    buttons->addWidget(m_openRepo);
    buttons->addStretch();
    layout->addLayout(buttons);
    layout->addStretch();

    connect(m_requestAccess, &QPushButton::clicked, this, [this] { Q_EMIT openUrlRequested(m_requestUrl); });
    connect(m_openRepo, &QPushButton::clicked, this, [this] { Q_EMIT openUrlRequested(m_repoPage); });
    clear();
}

void AccessDetailsPane::clear()
{
    m_title->setText(tr("No cell selected"));
    m_explanation->setText(tr("Select a cell to see which token can read which repo, and why."));
    for (QWidget *widget : std::initializer_list<QWidget *>{m_state, m_hub, m_checked, m_scopeHeading,
                                                            m_scopes, m_requestAccess, m_openRepo})
        widget->hide();
    m_requestUrl = m_repoPage = QUrl();
}

void AccessDetailsPane::showCell(const Content &content)
{
    m_title->setText(tr("%1 with %2").arg(content.repo, content.token));
    m_shownState = content.cell.state;
    m_state->setText(AccessWords::label(content.cell.state));
    restyleState();
    m_state->show();
    m_explanation->setText(content.cell.explanation());

    const bool answered = content.cell.result && content.cell.state != AccessState::Checking;
    const RepoAccessResult result = content.cell.result.value_or(RepoAccessResult{});
    QStringList hub;
    if (answered && result.httpStatus) {
        hub << (result.errorCode.isEmpty()
                    ? tr("The Hub answered HTTP %1.").arg(result.httpStatus)
                    : tr("The Hub answered HTTP %1 (%2).").arg(result.httpStatus).arg(result.errorCode));
        if (!result.hubMessage.isEmpty())
            hub << tr("Its message: %1").arg(result.hubMessage);
    } else if (answered) {
        hub << tr("No answer from the Hub.");
    }
    m_hub->setText(hub.join(QLatin1Char('\n')));
    m_hub->setVisible(!hub.isEmpty());
    m_checked->setText(answered && content.cell.checkedAt.isValid()
                           ? tr("Checked %1.").arg(RelativeTime::since(content.cell.checkedAt, content.now))
                           : QString());
    m_checked->setVisible(!m_checked->text().isEmpty());

    QString scopes = content.coverage.summary();
    if (answered) {
        if (const QString differs = content.coverage.compareWith(result); !differs.isEmpty())
            scopes += QLatin1Char('\n') + differs;
    }
    m_scopes->setText(scopes);
    m_scopeHeading->show();
    m_scopes->show();

    m_requestUrl = answered && content.cell.state == AccessState::Gated ? result.requestAccessUrl : QUrl();
    m_repoPage = content.repoPage;
    m_requestAccess->setVisible(m_requestUrl.isValid());
    m_openRepo->setVisible(m_repoPage.isValid());
}

QString AccessDetailsPane::stateText() const
{
    return m_state->isVisibleTo(this) ? m_state->text() : QString();
}

QString AccessDetailsPane::explanationText() const
{
    return m_explanation->text();
}

QString AccessDetailsPane::hubText() const
{
    return m_hub->isVisibleTo(this) ? m_hub->text() : QString();
}

QString AccessDetailsPane::scopeText() const
{
    return m_scopes->isVisibleTo(this) ? m_scopes->text() : QString();
}

void AccessDetailsPane::changeEvent(QEvent *event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::PaletteChange)
        restyleState();
}

void AccessDetailsPane::restyleState()
{
    const auto colors = AccessColors::forState(m_shownState, AccessColors::isDark(palette()));
    m_state->setStyleSheet(
        QStringLiteral("QLabel { background: %1; color: %2; padding: 3px 10px; border-radius: 3px; }")
            .arg(colors.background.name(), colors.foreground.name()));
}

} // namespace hftm
