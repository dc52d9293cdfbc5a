"""The words of the committee's "how we tell you" page, French first."""

TEXTS = {
    "fr": {
        "title": "Être prévenu des arrivées",
        "intro": ("Quand un nouveau foyer s'installe dans votre village, Soho Solo vous "
                  "prévient. Choisissez ici le rythme : un message à chaque arrivée ou un "
                  "résumé par semaine."),
        "channels": "Où nous vous écrivons",
        "channels_help": ("Vous choisissez vous-même la langue, le webhook et l'adresse où "
                          "recevoir les messages ; l'adresse de connexion est enregistrée par "
                          "l'équipe Soho Solo (écrivez-lui pour la changer). Un changement "
                          "s'applique dès l'arrivée suivante."),
        "sign_in_email": "Adresse de connexion",
        "send_to": "Recevoir les messages à une autre adresse (facultatif)",
        "send_to_hint": ("Par exemple celle de la mairie ou d'un bénévole. Laissez vide pour "
                         "les recevoir à votre adresse de connexion."),
        "contact_link": "Changer la langue ou le webhook",
        "email": "Adresse des messages",
        "locale": "Langue des messages",
        "webhook": "Webhook",
        "none": "Aucun",
        "languages": {"fr": "français", "en": "anglais"},
        "not_yet": ("Votre village n'a pas encore d'adresse ni de webhook enregistré ici : "
                    "l'équipe Soho Solo doit d'abord les enregistrer."),
        "rhythm": "À quel rythme",
        "digest_legend": "Comment voulez-vous être prévenus ?",
        "immediate": "Un message à chaque arrivée",
        "immediate_hint": "Vous recevrez un email à chaque arrivée.",
        "weekly": "Un résumé par semaine",
        "weekly_hint": "Vous recevrez un résumé chaque {weekday} à {hour} h.",
        "webhook_hint": ("Le webhook suit le même rythme : appelé à chaque arrivée, ou une fois "
                         "par semaine avec le résumé."),
        "now_immediate": "Aujourd'hui : vous recevez un email à chaque arrivée.",
        "now_weekly": "Aujourd'hui : vous recevez un résumé chaque {weekday} à {hour} h.",
        "rotate": "Générer un nouveau secret pour le webhook",
        "rotate_hint": ("Le secret signe chaque appel du webhook. Il n'est affiché qu'une "
                        "fois, juste après avoir été généré ; l'ancien cesse aussitôt de "
                        "valoir."),
        "save": "Enregistrer",
        "saved": "C'est enregistré.",
        "secret_title": "Le nouveau secret du webhook",
        "secret_help": ("Copiez-le maintenant dans votre outil : il ne sera plus affiché. "
                        "Les appels sont désormais signés avec lui."),
        "changed_title": "Vos réglages ont changé entre-temps",
        "changed": ("Quelqu'un a modifié les réglages de votre village depuis l'ouverture de "
                    "cette page. Voici les réglages actuels ; votre choix est gardé "
                    "ci-dessous : enregistrez à nouveau pour l'appliquer."),
        "edit": "Revoir le choix",
        "errors": {
            "digest": "Choisissez un message à chaque arrivée ou un résumé par semaine",
            "email": ("Votre village n'a pas encore d'adresse ni de webhook : l'équipe "
                      "Soho Solo doit d'abord les enregistrer"),
            "webhook_url": "Le webhook enregistré est refusé ({reason}) : écrivez à l'équipe",
            "send_to": ("Saisissez une adresse e-mail valide, par exemple "
                        "accueil@mairie-village.fr, ou laissez vide"),
        },
        "weekdays": ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi",
                     "dimanche"),
    },
    "en": {
        "title": "Being told of arrivals",
        "intro": ("When a new household settles in your village, Soho Solo tells you. "
                  "Choose how often here: a message for each arrival or a weekly summary."),
        "channels": "Where we write to you",
        "channels_help": ("You choose the language, the webhook and the address for messages "
                          "yourself; the address you sign in with is recorded by the Soho Solo "
                          "team (write to them to change it). A change applies from the next "
                          "arrival."),
        "sign_in_email": "Address you sign in with",
        "send_to": "Get the messages at another address (optional)",
        "send_to_hint": ("The town hall's or a volunteer's, for example. Leave it empty to get "
                         "them at the address you sign in with."),
        "contact_link": "Change the language or the webhook",
        "email": "Address for messages",
        "locale": "Language of messages",
        "webhook": "Webhook",
        "none": "None",
        "languages": {"fr": "French", "en": "English"},
        "not_yet": ("Your village has no address or webhook recorded here yet: the Soho "
                    "Solo team must record them first."),
        "rhythm": "How often",
        "digest_legend": "How would you like to be told?",
        "immediate": "A message for each arrival",
        "immediate_hint": "You will get an email for each arrival.",
        "weekly": "A weekly summary",
        "weekly_hint": "You will get a summary every {weekday} at {hour}:00.",
        "webhook_hint": ("The webhook follows the same rhythm: called for each arrival, or once "
                         "a week with the summary."),
        "now_immediate": "Now: you get an email for each arrival.",
        "now_weekly": "Now: you get a summary every {weekday} at {hour}:00.",
        "rotate": "Make a new secret for the webhook",
        "rotate_hint": ("The secret signs every webhook call. It is shown only once, just "
                        "after it is made; the old one stops working at once."),
        "save": "Save",
        "saved": "Saved.",
        "secret_title": "The webhook's new secret",
        "secret_help": ("Copy it into your tool now: it will not be shown again. Calls are "
                        "signed with it from now on."),
        "changed_title": "Your settings changed meanwhile",
        "changed": ("Someone changed your village's settings since this page was opened. "
                    "Here are the current settings; your choice is kept below: save again "
                    "to apply it."),
        "edit": "Review the choice",
        "errors": {
            "digest": "Choose a message for each arrival or a weekly summary",
            "email": ("Your village has no address or webhook yet: the Soho Solo team must "
                      "record them first"),
            "webhook_url": "The recorded webhook is refused ({reason}): write to the team",
            "send_to": ("Enter a valid email address, like welcome@village-townhall.fr, or "
                        "leave it empty"),
        },
        "weekdays": ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday",
                     "Sunday"),
    },
}
