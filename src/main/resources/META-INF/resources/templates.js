/*
 * The templates an operator starts from: Italy's weather warnings by colour (gialla, arancione, rossa: ordinary,
 * moderate, high criticality) and the IT-alert scenarios of the Dipartimento della Protezione Civile. Each fills the
 * form with CAP's fields and Italian text (English beside it); every word stays the operator's to change.
 */
'use strict';

(() => {
  const weather = (colour, severity, urgency, it, en) => ({
    event: 'Allerta meteo-idrogeologica ' + colour, category: 'Met', colour, urgency, severity, certainty: 'Likely', hours: 24,
    it, en,
  });
  window.Banditore = Object.assign(window.Banditore || {}, {
    TEMPLATES: {
      blank: { event: '', category: '', colour: '', urgency: '', severity: '', certainty: '', hours: 6, it: {}, en: {} },
      gialla: weather('gialla', 'Moderate', 'Expected', {
        headline: 'Allerta gialla per rischio idrogeologico e temporali',
        description: 'Sono previsti temporali anche forti, con possibili allagamenti locali e frane superficiali.',
        instruction: 'Tenetevi informati, evitate le zone vicine ai corsi d\'acqua e i sottopassi durante i temporali.',
      }, {
        headline: 'Yellow warning: flooding and thunderstorms',
        description: 'Thunderstorms, some of them strong, are expected, with possible local flooding and shallow landslides.',
        instruction: 'Keep informed; keep away from rivers and underpasses during the storms.',
      }),
      arancione: weather('arancione', 'Severe', 'Expected', {
        headline: 'Allerta arancione per piogge intense',
        description: 'Sono previste piogge intense e persistenti, con possibili esondazioni di corsi d\'acqua minori, frane e allagamenti.',
        instruction: 'Evitate i sottopassi e le zone vicine ai corsi d\'acqua, non sostate sui ponti, limitate gli spostamenti.',
      }, {
        headline: 'Orange warning: heavy rain',
        description: 'Heavy, persistent rain is expected, with possible flooding of smaller rivers, landslides and flooded streets.',
        instruction: 'Avoid underpasses and riverbanks, do not stop on bridges, travel only if you must.',
      }),
      rossa: weather('rossa', 'Extreme', 'Immediate', {
        headline: 'Allerta rossa: rischio idraulico elevato',
        description: 'Sono attese piene dei fiumi principali con esondazioni estese, frane diffuse e danni a edifici e infrastrutture.',
        instruction: 'Restate in casa ai piani alti, non usate l\'auto, seguite le indicazioni del vostro Comune e della Protezione Civile.',
      }, {
        headline: 'Red warning: severe flooding',
        description: 'The main rivers are expected to flood widely, with widespread landslides and damage to buildings and roads.',
        instruction: 'Stay indoors on upper floors, do not drive, follow your town\'s and Civil Protection\'s instructions.',
      }),
      dam: {
        event: 'Collasso di una grande diga', category: 'Infra', urgency: 'Immediate', severity: 'Extreme', certainty: 'Likely', hours: 12,
        it: {
          headline: 'IT-alert: possibile collasso di una grande diga',
          description: 'È in corso un\'emergenza a una grande diga: l\'onda di piena può raggiungere le zone a valle.',
          instruction: 'Allontanatevi subito dalle zone basse e dal corso d\'acqua, raggiungete un luogo elevato, non usate l\'auto se non necessario.',
        },
        en: {
          headline: 'IT-alert: a large dam may fail',
          description: 'An emergency is under way at a large dam: a flood wave may reach the areas downstream.',
          instruction: 'Leave low ground and the riverbanks now, go to high ground, drive only if you must.',
        },
      },
      nuclear: {
        event: 'Emergenza nucleare e radiologica', category: 'CBRNE', urgency: 'Immediate', severity: 'Extreme', certainty: 'Likely', hours: 12,
        it: {
          headline: 'IT-alert: emergenza radiologica',
          description: 'È in corso un\'emergenza nucleare o radiologica che può interessare la vostra zona.',
          instruction: 'Restate al chiuso, chiudete porte e finestre, spegnete la ventilazione, seguite le indicazioni delle autorità.',
        },
        en: {
          headline: 'IT-alert: radiological emergency',
          description: 'A nuclear or radiological emergency is under way and may affect your area.',
          instruction: 'Stay indoors, close doors and windows, switch off ventilation, follow the authorities\' instructions.',
        },
      },
      industrial: {
        event: 'Incidente rilevante in uno stabilimento industriale', category: 'Safety', urgency: 'Immediate', severity: 'Severe', certainty: 'Observed', hours: 6,
        it: {
          headline: 'IT-alert: incidente in uno stabilimento industriale',
          description: 'Un incidente in uno stabilimento industriale può liberare sostanze pericolose nell\'aria.',
          instruction: 'Restate al chiuso, chiudete porte e finestre, non avvicinatevi allo stabilimento.',
        },
        en: {
          headline: 'IT-alert: accident at an industrial plant',
          description: 'An accident at an industrial plant may release dangerous substances into the air.',
          instruction: 'Stay indoors, close doors and windows, keep away from the plant.',
        },
      },
      volcanic: {
        event: 'Attività vulcanica', category: 'Geo', urgency: 'Immediate', severity: 'Extreme', certainty: 'Likely', hours: 24,
        it: {
          headline: 'IT-alert: attività vulcanica in aumento',
          description: 'L\'attività del vulcano è in aumento: sono possibili eruzioni e caduta di cenere.',
          instruction: 'Seguite il piano di allontanamento del vostro Comune e le indicazioni della Protezione Civile.',
        },
        en: {
          headline: 'IT-alert: rising volcanic activity',
          description: 'The volcano\'s activity is rising: eruptions and ash fall are possible.',
          instruction: 'Follow your town\'s evacuation plan and Civil Protection\'s instructions.',
        },
      },
      tsunami: {
        event: 'Maremoto generato da un sisma', category: 'Geo', urgency: 'Immediate', severity: 'Extreme', certainty: 'Likely', hours: 6,
        it: {
          headline: 'IT-alert: possibile maremoto',
          description: 'Un forte terremoto in mare può aver generato un maremoto che può raggiungere la costa.',
          instruction: 'Allontanatevi subito dalla costa e raggiungete un luogo elevato o i piani alti di un edificio.',
        },
        en: {
          headline: 'IT-alert: tsunami possible',
          description: 'A strong earthquake at sea may have caused a tsunami that can reach the coast.',
          instruction: 'Leave the coast now and go to high ground or the upper floors of a building.',
        },
      },
      rainfall: {
        event: 'Precipitazioni intense', category: 'Met', urgency: 'Immediate', severity: 'Severe', certainty: 'Observed', hours: 6,
        it: {
          headline: 'IT-alert: precipitazioni intense in corso',
          description: 'Sono in corso piogge molto intense, con allagamenti e possibili frane.',
          instruction: 'Non usate sottopassi e scantinati, salite ai piani alti, evitate di mettervi in viaggio.',
        },
        en: {
          headline: 'IT-alert: intense rainfall under way',
          description: 'Very heavy rain is falling, with flooding and possible landslides.',
          instruction: 'Keep out of underpasses and basements, go upstairs, do not set out on a journey.',
        },
      },
    },
  });
})();
